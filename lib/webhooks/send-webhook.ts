// One HTTP POST to a webhook receiver. node's http/https with request-filtering-agent, so
// the address actually connected to (after DNS) is checked against the SSRF rules on every
// send. Redirects are not followed (a 3xx is a failed attempt). Timeouts: 5 s to connect,
// 15 s for the whole exchange. Only the first 4 KB of the response body is kept.
import http from "node:http";
import https from "node:https";
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from "request-filtering-agent";
import { bareHost } from "./url-guard";

export const CONNECT_TIMEOUT_MS = 5_000;
export const TOTAL_TIMEOUT_MS = 15_000;
export const RESPONSE_KEEP_BYTES = 4096;

export interface SendRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  allowPrivate: boolean;
  connectTimeoutMs?: number;
  totalTimeoutMs?: number;
}

export interface SendResult {
  /** HTTP status when the receiver answered; null on network errors and timeouts. */
  status: number | null;
  /** First 4 KB of the response body (text). */
  body: string | null;
  retryAfter: string | null;
  durationMs: number;
  error: string | null;
}

type Agents = { http: http.Agent; https: https.Agent };
const agents = new Map<boolean, Agents>();

function agentsFor(allowPrivate: boolean): Agents {
  let a = agents.get(allowPrivate);
  if (!a) {
    const opts = { keepAlive: true, maxSockets: 64, allowPrivateIPAddress: allowPrivate };
    a = { http: new RequestFilteringHttpAgent(opts), https: new RequestFilteringHttpsAgent(opts) };
    agents.set(allowPrivate, a);
  }
  return a;
}

/** PostgreSQL text cannot hold NUL; the rest is kept as the receiver sent it. */
function cleanText(buf: Buffer): string {
  return buf.toString("utf8").replaceAll("\u0000", "");
}

function describe(err: NodeJS.ErrnoException): string {
  if (/is not allowed\. Because/.test(err.message)) return `refused by SSRF guard: ${err.message}`;
  return err.code ? `${err.code}: ${err.message}` : err.message;
}

export function sendWebhook(req: SendRequest): Promise<SendResult> {
  const started = performance.now();
  const connectMs = req.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
  const totalMs = req.totalTimeoutMs ?? TOTAL_TIMEOUT_MS;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    let status: number | null = null;
    let retryAfter: string | null = null;
    const chunks: Buffer[] = [];
    let kept = 0;
    const timers: { total?: NodeJS.Timeout; connect?: NodeJS.Timeout } = {};
    const finish = (error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timers.total);
      clearTimeout(timers.connect);
      const body = chunks.length ? cleanText(Buffer.concat(chunks).subarray(0, RESPONSE_KEEP_BYTES)) : status === null ? null : "";
      resolve({ status, body, retryAfter, durationMs: Math.round(performance.now() - started), error });
    };

    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      return finish("invalid URL");
    }
    const isHttps = url.protocol === "https:";
    if (!isHttps && url.protocol !== "http:") return finish(`unsupported scheme ${url.protocol}`);
    const bodyBytes = Buffer.from(req.body, "utf8");
    const a = agentsFor(req.allowPrivate);
    const request = (isHttps ? https : http).request({
      method: "POST",
      protocol: url.protocol,
      hostname: bareHost(url),
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      headers: { ...req.headers, "content-length": String(bodyBytes.length) },
      agent: isHttps ? a.https : a.http,
    });

    timers.total = setTimeout(() => {
      // Headers already in: the answer counts, the rest of a slow body is dropped.
      if (status !== null) finish(null);
      else finish(`timed out after ${totalMs} ms`);
      request.destroy();
    }, totalMs);
    timers.connect = setTimeout(() => {
      finish(`connect timed out after ${connectMs} ms`);
      request.destroy();
    }, connectMs);
    request.on("socket", (socket) => {
      const connected = () => clearTimeout(timers.connect);
      if (!socket.connecting) connected();
      else socket.once(isHttps ? "secureConnect" : "connect", connected);
    });
    request.on("error", (err) => finish(describe(err)));
    request.on("response", (res) => {
      clearTimeout(timers.connect);
      status = res.statusCode ?? null;
      const ra = res.headers["retry-after"];
      retryAfter = Array.isArray(ra) ? ra[0] : (ra ?? null);
      res.on("data", (chunk: Buffer) => {
        if (kept < RESPONSE_KEEP_BYTES) {
          chunks.push(chunk);
          kept += chunk.length;
        }
        if (kept >= RESPONSE_KEEP_BYTES) {
          finish(null);
          res.destroy();
        }
      });
      res.on("end", () => finish(null));
      res.on("error", () => finish(null));
      res.on("aborted", () => finish(null));
    });
    request.end(bodyBytes);
  });
}
