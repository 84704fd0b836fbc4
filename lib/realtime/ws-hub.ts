// /ws: the plain WebSocket event feed of the seed. Authenticated on upgrade by an API token
// with the events:read scope (`?token=` or `?api_key=`, or `Authorization: Bearer`;
// ws-access.ts) or the browser's session cookie; anything else gets HTTP 401 (403 for a
// token without events:read) and no socket. Messages: first
// {"type":"connection","status":"connected","message":"WebSocket connection established"},
// then {"type","payload","timestamp"} for each domain event the connection's user may see
// (own VPS/orders; admins everything); {"type":"ping"} is answered with {"type":"pong"}.
// Every process feeds its own /ws clients: see publish-event.ts for the cross-process part.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { Database } from "../db";
import type { RelayedEvent } from "../events/relay";
import { isDomainEventType } from "../events/types";
import { log } from "../log";
import { sessionUserFromRequest } from "./socket-server";
import { checkWsToken } from "./ws-access";

export const WS_PATH = "/ws";
/** A client that cannot keep up (e.g. 200 events queued) is dropped rather than buffered forever. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
const HEARTBEAT_MS = 30_000;

interface Viewer {
  userId: number;
  role: "client" | "admin";
}

/** Why an upgrade (or a re-check) is refused, when it is more than "no credentials". */
interface Refusal {
  status: 401 | 403;
  message: string;
}
const isRefusal = (a: Viewer | Refusal | null): a is Refusal => a !== null && "status" in a;

interface Client {
  ws: WebSocket;
  viewer: Viewer;
  alive: boolean;
  /** Re-runs the connection's authentication: a revoked or expired token, or a deleted user, ends it. */
  recheck: () => Promise<Viewer | Refusal | null>;
}

export interface WsHub {
  isWsRequest(req: IncomingMessage): boolean;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  publish(event: RelayedEvent): void;
  size(): number;
  close(): Promise<void>;
}

export function canSee(viewer: Viewer, event: Pick<RelayedEvent, "userId">): boolean {
  return viewer.role === "admin" || (event.userId !== null && event.userId === viewer.userId);
}

function tokenFrom(req: IncomingMessage, url: URL): string | null {
  const q = url.searchParams.get("token") ?? url.searchParams.get("api_key");
  if (q) return q;
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "");
  return m ? m[1] : null;
}

const REASON = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden" } as const;

function refuse(socket: Duplex, status: 401 | 400 | 403, message: string) {
  const body = JSON.stringify({ status: "error", message });
  socket.end(
    `HTTP/1.1 ${status} ${REASON[status]}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export function createWsHub(db: Database, sessionSecret: string, opts: { recheckMs?: number } = {}): WsHub {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const clients = new Set<Client>();

  async function authenticate(req: IncomingMessage, url: URL): Promise<Viewer | Refusal | null> {
    const token = tokenFrom(req, url);
    if (token) {
      const t = await checkWsToken(db.prisma, token);
      return t.ok ? t.viewer : { status: t.status, message: t.message };
    }
    const user = await sessionUserFromRequest(db, req, sessionSecret);
    return user ? { userId: user.id, role: user.role } : null;
  }

  function send(c: Client, text: string) {
    if (c.ws.readyState !== c.ws.OPEN) return;
    if (c.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      c.ws.close(1013, "client too slow");
      return;
    }
    c.ws.send(text);
  }

  function onConnection(ws: WebSocket, viewer: Viewer, recheck: Client["recheck"]) {
    const client: Client = { ws, viewer, alive: true, recheck };
    clients.add(client);
    ws.on("pong", () => (client.alive = true));
    ws.on("close", () => clients.delete(client));
    ws.on("error", () => clients.delete(client));
    ws.on("message", (data, isBinary) => {
      let msg: unknown;
      try {
        msg = JSON.parse(isBinary ? "" : data.toString());
      } catch {
        send(client, JSON.stringify({ type: "error", message: "Messages must be JSON, e.g. {\"type\":\"ping\"}" }));
        return;
      }
      if (msg && typeof msg === "object" && (msg as { type?: unknown }).type === "ping") send(client, JSON.stringify({ type: "pong" }));
      else send(client, JSON.stringify({ type: "error", message: "Unknown message type; supported: ping" }));
    });
    send(client, JSON.stringify({ type: "connection", status: "connected", message: "WebSocket connection established" }));
  }

  const heartbeat = setInterval(() => {
    for (const c of clients) {
      if (!c.alive) {
        c.ws.terminate();
        clients.delete(c);
        continue;
      }
      c.alive = false;
      c.ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  // Credentials are checked again while the socket is open, so revoking a token (or
  // deleting a user) closes its feeds within one interval. A database error keeps them.
  const recheck = setInterval(() => {
    for (const c of clients) {
      c.recheck()
        .then((viewer) => {
          if (viewer && !isRefusal(viewer)) c.viewer = viewer;
          else c.ws.close(4401, "credentials revoked or expired");
        })
        .catch(() => {});
    }
  }, opts.recheckMs ?? 60_000);
  recheck.unref();

  return {
    isWsRequest(req) {
      const path = (req.url ?? "").split("?")[0];
      return path === WS_PATH || path === `${WS_PATH}/`;
    },
    handleUpgrade(req, socket, head) {
      socket.on("error", () => socket.destroy());
      const url = new URL(req.url ?? "/", "http://localhost");
      authenticate(req, url)
        .then((viewer) => {
          if (!viewer) return refuse(socket, 401, "Invalid or missing API token");
          if (isRefusal(viewer)) return refuse(socket, viewer.status, viewer.message);
          wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, viewer, () => authenticate(req, url)));
        })
        .catch((err) => {
          log.warn("ws: authentication failed", { error: (err as Error).message });
          refuse(socket, 401, "Authentication failed");
        });
    },
    publish(event) {
      if (clients.size === 0 || !isDomainEventType(event.type)) return;
      const text = JSON.stringify({ type: event.type, payload: event.payload, timestamp: event.timestamp });
      for (const c of clients) if (canSee(c.viewer, event)) send(c, text);
    },
    size: () => clients.size,
    async close() {
      clearInterval(recheck);
      clearInterval(heartbeat);
      for (const c of clients) c.ws.close(1001, "server shutting down");
      clients.clear();
      await new Promise<void>((r) => wss.close(() => r()));
    },
  };
}
