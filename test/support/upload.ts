// A chunked upload that an attacker would send: a body generated on the fly (never stored),
// written as fast as the server takes it, and kept going after the reply arrives, until the
// whole body is sent or the server closes the connection. Used by the body-limit tests and
// bench/upload-rss.ts; `rssOf` samples the panel process's resident memory meanwhile.
import { readFileSync } from "node:fs";
import http from "node:http";

/** VmRSS of a process in bytes (Linux /proc). */
export function rssOf(pid: number): number {
  const m = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!m) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]) * 1024;
}

export interface UploadOptions {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** Bytes to send in all (the first chunk is `prefix`, the rest filler). */
  total: number;
  /** The body's opening bytes, e.g. `{"locale":"` so that it looks like JSON. */
  prefix?: string;
  /** Process whose RSS is sampled while the upload runs. */
  pid?: number;
}

export interface UploadResult {
  status: number | null;
  body: string;
  /** Body bytes handed to the socket when the reply's status line arrived (null: no reply). */
  sentAtReply: number | null;
  /** Body bytes handed to the socket in all. */
  sent: number;
  /** True when every byte of `total` was written (the server took the whole body). */
  finishedSending: boolean;
  /** True when the server closed the connection before the body was finished. */
  closedEarly: boolean;
  /** Largest RSS of `pid` seen while uploading (bytes), if a pid was given. */
  maxRss?: number;
}

const CHUNK = 64 * 1024;

export function chunkedUpload(baseUrl: string, opts: UploadOptions): Promise<UploadResult> {
  const url = new URL(opts.path, baseUrl);
  return new Promise((resolve) => {
    const filler = Buffer.alloc(CHUNK, "a");
    let sent = 0;
    let sentAtReply: number | null = null;
    let status: number | null = null;
    let body = "";
    let closed = false;
    let finishedSending = false;
    let maxRss = opts.pid ? rssOf(opts.pid) : undefined;
    const sampler = opts.pid
      ? setInterval(() => {
          try {
            maxRss = Math.max(maxRss!, rssOf(opts.pid!));
          } catch {
            /* process gone */
          }
        }, 20)
      : undefined;
    // No agent: one fresh connection, so that "the server closed it" means this upload's.
    const req = http.request({
      host: url.hostname,
      port: url.port,
      path: url.pathname + url.search,
      method: opts.method ?? "POST",
      headers: { "content-type": "application/json", ...opts.headers, "transfer-encoding": "chunked" },
      agent: false,
    });
    let settled = false;
    let replyEnded = false;
    // Done when the server closed the connection, or took the whole body and replied.
    const finish = () => {
      if (settled || !(closed || (finishedSending && replyEnded))) return;
      settled = true;
      if (sampler) {
        clearInterval(sampler);
        try {
          maxRss = Math.max(maxRss!, rssOf(opts.pid!));
        } catch {
          /* process gone */
        }
      }
      resolve({ status, body, sentAtReply, sent, finishedSending, closedEarly: closed && !finishedSending, maxRss });
    };
    req.on("response", (res) => {
      status = res.statusCode ?? 0;
      sentAtReply = sent;
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => {
        replyEnded = true;
        finish();
      });
      res.on("error", () => {});
    });
    req.on("error", () => {
      /* EPIPE / ECONNRESET once the server closes: expected */
    });
    req.on("socket", (s) =>
      s.on("close", () => {
        closed = true;
        // Let a reply that is still being parsed land first.
        setImmediate(finish);
      }),
    );
    const pump = async () => {
      let first = Buffer.from(opts.prefix ?? "");
      while (sent < opts.total && !closed) {
        const chunk = first.length ? first : filler.subarray(0, Math.min(CHUNK, opts.total - sent));
        first = Buffer.alloc(0);
        const ok = req.write(chunk);
        sent += chunk.length;
        if (!ok)
          await new Promise<void>((r) => {
            const done = () => {
              req.off("drain", done);
              req.socket?.off("close", done);
              r();
            };
            req.once("drain", done);
            req.socket?.once("close", done);
          });
      }
      if (!closed) {
        finishedSending = true;
        req.end();
        finish();
      }
    };
    req.once("socket", () => void pump());
  });
}
