// Request bodies are read through a counter that stops at the limit: a body over it is
// answered 413 while it is still streaming (chunked or not), never buffered whole, so an
// anonymous client cannot make the panel hold hundreds of megabytes (PRODUCT.md §12).
//
// Two layers:
// - route() (lib/http/handler.ts), the next-auth route and the machine fast path read bodies
//   with `readBodyLimited`, each with its own limit (64 KB unless the route says otherwise);
// - server.ts runs `guardRequestBody` on every request before anything else sees it: a
//   declared Content-Length over MAX_REQUEST_BODY is refused at once, a chunked body to a
//   path outside /api/ (pages, server actions — none of which stream uploads) must say its
//   length, and a connection whose request is answered before its body is in is closed
//   instead of drained.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { AppError } from "../errors";

/** No request to this panel is larger (the biggest route limit, a sync batch of 500 items, is 2 MB). */
export const MAX_REQUEST_BODY = 2 * 1024 * 1024;

export const tooLarge = (limit: number) => new AppError(413, `Request body too large (limit ${limit} bytes)`);

function declaredLength(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** Collects a body's chunks, counting bytes as they arrive; throws 413 as soon as the count
 *  passes `limit`, leaving the rest unread (the 413 closes the connection). `chunks` must not
 *  tear its source down when left early: that would destroy the socket before the 413 is
 *  written. */
export async function collectLimited(chunks: AsyncIterable<Uint8Array>, limit: number): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.byteLength;
    if (size > limit) throw tooLarge(limit);
    parts.push(chunk);
  }
  return Buffer.concat(parts, size);
}

/** A web Request's body through collectLimited (a declared length over the limit is refused before reading). */
export async function readBodyLimited(req: Request, limit: number): Promise<Buffer> {
  const declared = declaredLength(req.headers.get("content-length"));
  if (declared !== null && declared > limit) throw tooLarge(limit);
  if (!req.body) return Buffer.alloc(0);
  return collectLimited(webChunks(req.body), limit);
}

/** A web stream's chunks; left early, the stream is released, not cancelled (see collectLimited). */
async function* webChunks(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** The request's declared body length (its Content-Length value) is over `limit` (checked before anything is read). */
export function declaresTooLarge(contentLength: string | null, limit: number): boolean {
  const declared = declaredLength(contentLength);
  return declared !== null && declared > limit;
}

const BODYLESS = new Set(["GET", "HEAD", "OPTIONS"]);

function refuse(res: ServerResponse, status: 411 | 413, message: string) {
  const body = JSON.stringify({ status: "error", message });
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), connection: "close" });
  res.end(body);
}

/** How long a connection whose request was answered early may keep sending before it is cut. */
const LINGER_MS = 2000;
const lingering = new WeakSet<Socket>();

/**
 * Closes a connection whose request was answered while its body was still arriving, the
 * way nginx's lingering close does: FIN after the reply, then a short wait before the socket
 * is torn down (at once when the client closes its side). Tearing it down at once, with
 * the client's unread bytes still queued, makes the kernel answer with a reset that can
 * destroy the reply before the client has read it.
 */
function lingeringClose(req: IncomingMessage) {
  const socket = req.socket;
  if (socket.destroyed || lingering.has(socket)) return;
  lingering.add(socket);
  socket.once("end", () => socket.destroy());
  socket.end();
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

/** server.ts's first look at every request. Returns true when it answered the request itself. */
export function guardRequestBody(req: IncomingMessage, res: ServerResponse): boolean {
  // Node closes a `Connection: close` reply's socket with destroySoon(); a request answered
  // before its body is in (413, 401, …) is instead closed lingering, not drained.
  const socket = req.socket as Socket & { destroySoon?: () => void };
  const destroySoon = socket.destroySoon;
  if (destroySoon && !Object.prototype.hasOwnProperty.call(socket, "destroySoon"))
    socket.destroySoon = function (this: Socket) {
      if (lingering.has(this)) return;
      const pending = current.get(this);
      if (pending && !pending.complete) lingeringClose(pending);
      else destroySoon.call(this);
    };
  current.set(socket, req);
  res.once("finish", () => {
    if (!req.complete) lingeringClose(req);
  });
  const declared = declaredLength(req.headers["content-length"]);
  if (declared !== null && declared > MAX_REQUEST_BODY) {
    refuse(res, 413, `Request body too large (limit ${MAX_REQUEST_BODY} bytes)`);
    return true;
  }
  const chunked = req.headers["transfer-encoding"] !== undefined && declared === null;
  // The path as routing will see it (`/api/../login` is a page, not an API route), parsed
  // only for the chunked bodies this looks at.
  if (chunked && !BODYLESS.has(req.method ?? "GET") && !new URL(req.url ?? "/", "http://panel.invalid").pathname.startsWith("/api/")) {
    // Only API routes count a streamed body; pages and server actions get theirs with a length.
    refuse(res, 411, "Content-Length required");
    return true;
  }
  return false;
}

/** The request a socket is serving now (keep-alive sockets serve several in turn). */
const current = new WeakMap<Socket, IncomingMessage>();
