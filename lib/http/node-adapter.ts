// Serves a route definition (Request → Response) straight from node:http. server.ts uses it
// for the machine API (lib/machine-api): the same definitions as the app/api route files,
// without Next's page-rendering pipeline, which on the sync hot path cost more than the
// handler's own work (see bench/sync-throughput.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import { log } from "../log";
import type { RawHandler, WebHandler } from "./handler";

export type { WebHandler } from "./handler";

/** Bodies up to this size that declare their length are read whole here (one Buffer, no
 *  web stream in between); route() still checks the length against its own limit. */
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

export async function serveWebHandler(
  handler: WebHandler & { serveRaw?: RawHandler },
  req: IncomingMessage,
  res: ServerResponse,
  params: Record<string, string> = {},
) {
  try {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      if (v === undefined) continue;
      for (const one of Array.isArray(v) ? v : [v]) headers.append(k, one);
    }
    const method = req.method ?? "GET";
    const length = req.headers["content-length"] === undefined ? NaN : Number(req.headers["content-length"]);
    const hasBody = method !== "GET" && method !== "HEAD";
    // A small body of declared length is read whole. Any other streams on, pulled a chunk at
    // a time (an async iterable, as Next passes it): route() counts it against the route's
    // limit as it reads (413 as soon as it is passed, lib/http/body-limit.ts), so nothing
    // here buffers it.
    const body = !hasBody
      ? undefined
      : Number.isSafeInteger(length) && length >= 0 && length <= SMALL_BODY
        ? await readSmallBody(req, length)
        : (req as unknown as ReadableStream);
    const url = `http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`;
    let out: Record<string, string | string[]>;
    let reply: Buffer;
    let status: number;
    if (handler.serveRaw) {
      // A route() definition: it takes a body read whole beside the Request (no web stream
      // for it) and answers as plain data (no web Response to read back).
      const preread = Buffer.isBuffer(body) ? body : undefined;
      const request = new Request(url, { method, headers, ...(body === undefined || preread ? {} : { body, duplex: "half" }) } as RequestInit);
      const raw = await handler.serveRaw(request, params, preread);
      status = raw.status;
      out = { ...raw.headers };
      reply = raw.body === null ? Buffer.alloc(0) : typeof raw.body === "string" ? Buffer.from(raw.body, "utf8") : raw.body;
    } else {
      const request = new Request(url, { method, headers, ...(body === undefined ? {} : { body, duplex: "half" }) } as RequestInit);
      const response = await handler(request, { params: Promise.resolve(params) });
      status = response.status;
      out = {};
      response.headers.forEach((value, key) => {
        if (key !== "set-cookie") out[key] = value;
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length) out["set-cookie"] = cookies;
      reply = Buffer.from(await response.arrayBuffer());
    }
    out["content-length"] = String(reply.length);
    // Headers and body leave in one write.
    res.writeHead(status, out);
    res.end(reply);
  } catch (err) {
    log.error("machine API: unhandled error", { error: (err as Error)?.stack ?? String(err) });
    if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
    res.end(JSON.stringify({ status: "error", message: "Internal server error" }));
  }
}
