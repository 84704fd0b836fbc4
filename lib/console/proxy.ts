// GET /console/ws?ticket=… — the browser console's WebSocket (PRODUCT.md §10). server.ts
// has already refused a foreign Origin (403) before this runs. The ticket (tickets.ts) is
// redeemed after the upgrade so the page can be told why in a close frame:
//   4000 the VPS side closed the console      4001 ticket refused (unknown, used, expired,
//   4002 the upstream could not be reached         another session's)
//        or refused the panel's VNC password 4003 the VPS was suspended or deleted
//   4004 the session or token ended           4005 CONSOLE_MAX_MINUTES reached
//   1001 the panel is shutting down
// The panel connects to the upstream the main site named, answers its VNC authentication
// (rfb.ts), offers None to the browser and then copies bytes both ways unchanged
// (pipe.ts, with backpressure). Every open console is checked again every
// WS_RECHECK_SECONDS, and at once when an event says its VPS changed (onEvent).
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { sessionIdFromHeaders } from "../auth/user-sessions";
import type { Database } from "../db";
import type { RelayedEvent } from "../events/relay";
import { log } from "../log";
import { ByteReader } from "./byte-reader";
import { pipeStreams } from "./pipe";
import { authenticateUpstream, greetBrowser, RfbError } from "./rfb";
import { CONSOLE_WS_PATH, consoleStillAllowed, redeemConsoleTicket, type ConsoleHolder } from "./tickets";
import { connectUpstream, wsTransport, type Transport } from "./transport";
import { describeTarget } from "./vnc-target";

export const CONSOLE_CLOSE = { ended: 4000, ticket: 4001, upstream: 4002, vps: 4003, session: 4004, timeLimit: 4005 } as const;
const KIND_CODE = { ticket: CONSOLE_CLOSE.ticket, upstream: CONSOLE_CLOSE.upstream, vps: CONSOLE_CLOSE.vps, session: CONSOLE_CLOSE.session } as const;
/** Events after which the consoles of the VPS are checked at once (suspension, deletion). */
const VPS_EVENTS = new Set(["vps.status_changed", "vps.updated", "vps.deleted"]);

interface OpenConsole {
  holder: ConsoleHolder;
  close(code: number, reason: string): void;
}

export interface ConsoleProxy {
  isConsoleRequest(req: IncomingMessage): boolean;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Every relayed domain event (server.ts feeds the same ones /ws gets). */
  onEvent(event: Pick<RelayedEvent, "type" | "vpsId">): void;
  size(): number;
  close(): Promise<void>;
}

export interface ConsoleProxyOptions {
  sessionSecret: string;
  /** How long one console session may last: CONSOLE_MAX_MINUTES (whole minutes) in server.ts;
   *  tests pass seconds (test/integration/console-time-limit.test.ts). */
  maxMs: number;
  recheckMs: number;
}

/** The 4005 close frame's reason. */
export function timeLimitReason(maxMs: number): string {
  const minutes = maxMs / 60_000;
  return `The console time limit (${Number.isInteger(minutes) ? `${minutes} min` : `${Math.round(maxMs / 1000)} s`}) was reached: reconnect to continue`;
}

export function createConsoleProxy(db: Database, opts: ConsoleProxyOptions): ConsoleProxy {
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    maxPayload: 1024 * 1024,
    // noVNC asks for no subprotocol by default; older clients ask for "binary".
    handleProtocols: (protocols) => (protocols.has("binary") ? "binary" : false),
  });
  const open = new Set<OpenConsole>();

  async function recheck(c: OpenConsole) {
    const verdict = await consoleStillAllowed(db.prisma, c.holder);
    if (!verdict.ok) c.close(KIND_CODE[verdict.kind], verdict.reason);
  }

  const timer = setInterval(() => {
    for (const c of open) recheck(c).catch(() => {}); // a database error keeps the console
  }, opts.recheckMs);
  timer.unref();

  async function serve(ws: WebSocket, req: IncomingMessage) {
    const browser = wsTransport(ws);
    const url = new URL(req.url ?? "/", "http://localhost");
    const sid = (await sessionIdFromHeaders(req.headers, opts.sessionSecret).catch(() => null))?.sid ?? null;
    const redeemed = await redeemConsoleTicket(db.prisma, url.searchParams.get("ticket"), typeof sid === "string" ? sid : null);
    if (!redeemed.ok) return browser.close(KIND_CODE[redeemed.kind], redeemed.reason);
    const { holder, target } = redeemed;
    const where = describeTarget(target);

    let upstream: Transport | null = null;
    const upReader = new ByteReader();
    const browserReader = new ByteReader();
    let ended = false;
    let stopPipe = () => {};
    const started = Date.now();
    const entry: OpenConsole = {
      holder,
      close(code, reason) {
        if (ended) return;
        ended = true;
        open.delete(entry);
        clearTimeout(limit);
        stopPipe();
        upReader.fail(new Error("closed"));
        browserReader.fail(new Error("closed"));
        browser.close(code, reason);
        upstream?.close();
        log.info("console closed", { vps_id: holder.vpsId, user_id: holder.userId, code, reason, seconds: Math.round((Date.now() - started) / 1000) });
      },
    };
    open.add(entry);
    browser.onClose(() => entry.close(1000, "browser closed"));
    const limit = setTimeout(() => entry.close(CONSOLE_CLOSE.timeLimit, timeLimitReason(opts.maxMs)), opts.maxMs);
    limit.unref();

    try {
      upstream = await connectUpstream(target);
    } catch (err) {
      log.warn("console: upstream unreachable", { vps_id: holder.vpsId, upstream: where, error: (err as Error).message });
      return entry.close(CONSOLE_CLOSE.upstream, "The console of the VPS cannot be reached right now: try again in a moment");
    }
    if (ended) return upstream.close();
    upstream.onClose(() => entry.close(CONSOLE_CLOSE.ended, "The console was closed on the VPS side"));

    upstream.onData((b) => upReader.push(b));
    browser.onData((b) => browserReader.push(b));
    const up = upstream;
    try {
      await authenticateUpstream({ reader: upReader, write: (b) => up.send(b) }, target.password);
      await greetBrowser({ reader: browserReader, write: (b) => browser.send(b) });
    } catch (err) {
      if (ended) return;
      const rfb = err instanceof RfbError;
      log.warn("console: VNC handshake failed", { vps_id: holder.vpsId, upstream: where, error: (err as Error).message });
      return entry.close(
        CONSOLE_CLOSE.upstream,
        rfb && err.kind === "auth" ? "The VPS console refused the panel's credentials: ask for a new console" : "The VPS console did not complete the VNC handshake",
      );
    }
    if (ended) return;
    const fromUp = upReader.rest();
    const fromBrowser = browserReader.rest();
    stopPipe = pipeStreams(browser, up).stop;
    if (fromBrowser.length) up.send(fromBrowser);
    if (fromUp.length) browser.send(fromUp);
    log.info("console opened", { vps_id: holder.vpsId, user_id: holder.userId, upstream: where });
  }

  return {
    isConsoleRequest(req) {
      return (req.url ?? "").split("?")[0] === CONSOLE_WS_PATH;
    },
    handleUpgrade(req, socket, head) {
      socket.on("error", () => socket.destroy());
      wss.handleUpgrade(req, socket, head, (ws) => {
        serve(ws, req).catch((err) => {
          log.error("console: failed", { error: (err as Error).stack ?? String(err) });
          if (ws.readyState === ws.OPEN) ws.close(1011, "Internal error");
        });
      });
    },
    onEvent(event) {
      if (event.vpsId === null || !VPS_EVENTS.has(event.type)) return;
      for (const c of open) if (c.holder.vpsId === event.vpsId) recheck(c).catch(() => {});
    },
    size: () => open.size,
    async close() {
      clearInterval(timer);
      for (const c of open) c.close(1001, "The panel is restarting: reconnect in a moment");
      await new Promise<void>((r) => wss.close(() => r()));
    },
  };
}
