// Serves a route definition straight from node:http. server.ts uses it for the machine API
// (lib/machine-api): the same definitions as the app/api route files, without Next's
// page-rendering pipeline, and without web objects: the definition reads the call through
// `Incoming` (lib/http/handler.ts) made here from the IncomingMessage, and answers a
// RawReply written here in one go. On the sync hot path Next's pipeline, and then the
// Request/Headers/Response built around each call, cost more than the handler's own work
// (see bench/sync-throughput.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import { log } from "../log";
import { collectLimited, tooLarge } from "./body-limit";
import type { HeaderSource, Incoming, RouteDefinition } from "./handler";

/** Bodies up to this size that declare their length are read whole before the route runs
 *  (one Buffer, and the connection stays reusable whatever the answer); route() still
 *  checks the length against its own limit. */
const SMALL_BODY = 64 * 1024;

function readSmallBody(req: IncomingMessage, length: number): Promise<Buffer> {
  // Node's parser delivers no more than Content-Length bytes.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.once("end", () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length)));
    req.once("error", reject);
  });
}

/** Any other body, counted as it arrives (lib/http/body-limit.ts): 413 as soon as it passes
 *  `limit`, the rest left unread (server.ts's guard closes such a connection once the 413 is
 *  written). A request aborted before its body is in ends the iteration with an error. */
function readBodyCounted(req: IncomingMessage, limit: number): Promise<Buffer> {
  return collectLimited(req.iterator({ destroyOnReturn: false }), limit);
}

/** Headers.get over node's parsed headers (repeated ones are already joined as Headers joins them). */
function nodeHeaders(req: IncomingMessage): HeaderSource {
  return {
    get(name) {
      const v = req.headers[name.toLowerCase()];
      return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
    },
  };
}

/** The call as a route definition reads it. `preread`: the body, already read whole. */
export function nodeIncoming(req: IncomingMessage, preread?: Buffer): Incoming {
  const method = req.method ?? "GET";
  const url = req.url ?? "/";
  let request: Request | undefined;
  return {
    method,
    url,
    headers: nodeHeaders(req),
    readBody: (limit) => {
      if (preread === undefined) return readBodyCounted(req, limit);
      if (preread.length > limit) throw tooLarge(limit);
      return preread;
    },
    // Only for a handler that reads ctx.req (none of the machine API's does): its body has
    // been read already, as ctx.body.
    request: () => {
      if (!request) {
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers)) {
          if (v === undefined) continue;
          for (const one of Array.isArray(v) ? v : [v]) headers.append(k, one);
        }
        request = new Request(`http://${req.headers.host ?? "localhost"}${url}`, { method, headers });
      }
      return request;
    },
  };
}

export async function serveRoute(definition: RouteDefinition, req: IncomingMessage, res: ServerResponse, params: Record<string, string> = {}) {
  try {
    const method = req.method ?? "GET";
    const length = req.headers["content-length"] === undefined ? NaN : Number(req.headers["content-length"]);
    const hasBody = method !== "GET" && method !== "HEAD";
    // A small body of declared length is read whole now. Any other is read by the route,
    // counted against its limit as it arrives (lib/http/body-limit.ts), never buffered whole.
    const preread = hasBody && Number.isSafeInteger(length) && length >= 0 && length <= SMALL_BODY ? await readSmallBody(req, length) : undefined;
    const raw = await definition.serve(nodeIncoming(req, preread), params);
    const out = raw.headers; // the route's own, fresh for this call
    const body = raw.body ?? "";
    out["content-length"] = String(typeof body === "string" ? Buffer.byteLength(body, "utf8") : body.length);
    // Headers and body leave in one write.
    res.writeHead(raw.status, out);
    res.end(body);
  } catch (err) {
    log.error("machine API: unhandled error", { error: (err as Error)?.stack ?? String(err) });
    if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
    res.end(JSON.stringify({ status: "error", message: "Internal server error" }));
  }
}
