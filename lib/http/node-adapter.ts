// Serves a route definition (Request → Response) straight from node:http. server.ts uses it
// for the machine API (lib/machine-api): the same definitions as the app/api route files,
// without Next's page-rendering pipeline, which on the sync hot path cost more than the
// handler's own work (see bench/sync-throughput.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import { log } from "../log";
import type { WebHandler } from "./handler";

export type { WebHandler } from "./handler";

export async function serveWebHandler(
  handler: WebHandler,
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
    const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, {
      method,
      headers,
      // The body streams on, pulled a chunk at a time (an async iterable, as Next passes it):
      // route() counts it against the route's limit as it reads (413 as soon as it is passed,
      // lib/http/body-limit.ts), so nothing here buffers it.
      ...(method === "GET" || method === "HEAD" ? {} : { body: req as unknown as ReadableStream, duplex: "half" }),
    } as RequestInit);
    const response = await handler(request, { params: Promise.resolve(params) });
    const out: Record<string, string | string[]> = {};
    response.headers.forEach((value, key) => {
      if (key !== "set-cookie") out[key] = value;
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length) out["set-cookie"] = cookies;
    const body = Buffer.from(await response.arrayBuffer());
    out["content-length"] = String(body.length);
    res.writeHead(response.status, out);
    res.end(body);
  } catch (err) {
    log.error("machine API: unhandled error", { error: (err as Error)?.stack ?? String(err) });
    if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
    res.end(JSON.stringify({ status: "error", message: "Internal server error" }));
  }
}
