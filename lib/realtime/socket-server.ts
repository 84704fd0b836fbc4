// socket.io on the panel's HTTP server. Sockets authenticate with the next-auth session
// cookie and join `user:<id>` (and `admins`); the session is checked again every
// WS_RECHECK_SECONDS, and a socket whose session ended (sign-out, revoked) is disconnected.
// Events from the outbox relay are emitted to the owner's room and the admins' room
// through the adapter, so with PostgreSQL every panel process's sockets receive them.
import type { IncomingMessage, Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { mustSetUp2fa } from "../auth/two-factor-policy";
import { findLiveSession, sessionIdFromHeaders } from "../auth/user-sessions";
import type { Database } from "../db";
import { getEnv } from "../env";
import type { RelayedEvent } from "../events/relay";
import { NOTIFICATION_EVENT } from "../notifications/types";
import { checkOrigin, nodeOriginHeaders, originPolicy } from "../http/origin";
import { log } from "../log";
import { ADMIN_ROOM, setIo, userRoom } from "./rooms";


/** The user of a live session cookie, or null (shared with /ws and the console). */
export async function sessionUserFromRequest(db: Database, req: IncomingMessage, secret: string) {
  const token = await sessionIdFromHeaders(req.headers, secret);
  const live = token && (await findLiveSession(db.prisma, token.sid, token.uid));
  // ADMIN_REQUIRE_2FA: no live feed (socket.io, /ws, console) before 2FA is on.
  return live && !mustSetUp2fa(live.user) ? { id: live.user.id, role: live.user.role } : null;
}

export async function attachSocketServer(http: HttpServer, db: Database, secret: string, opts: { recheckMs?: number } = {}) {
  const io = new Server(http, {
    path: "/socket.io/",
    serveClient: false,
    // Other upgrades on this server (Next's HMR, /ws) are not ours to close.
    destroyUpgrade: false,
    // Cross-site WebSocket hijacking: a page elsewhere must not open a socket with our cookie.
    allowRequest: (req, done) => {
      const verdict = checkOrigin(nodeOriginHeaders(req.headers), originPolicy(getEnv().NODE_ENV));
      done(verdict.ok ? null : verdict.message, verdict.ok);
    },
  });
  if (db.pool) {
    const { createAdapter } = await import("@socket.io/postgres-adapter");
    io.adapter(createAdapter(db.pool, { heartbeatInterval: 5000 }));
  }
  io.use(async (socket, next) => {
    try {
      const user = await sessionUserFromRequest(db, socket.request, secret);
      if (!user) return next(new Error("unauthorized"));
      socket.data.userId = user.id;
      socket.data.role = user.role;
      next();
    } catch (err) {
      log.warn("socket auth failed", { error: (err as Error).message });
      next(new Error("unauthorized"));
    }
  });
  io.on("connection", (socket) => {
    void socket.join(userRoom(socket.data.userId));
    if (socket.data.role === "admin") void socket.join(ADMIN_ROOM);
  });
  // A database error keeps the socket; an ended session or a changed role disconnects it.
  const recheck = setInterval(() => {
    for (const socket of io.of("/").sockets.values()) {
      sessionUserFromRequest(db, socket.request, secret)
        .then((user) => {
          if (!user || user.id !== socket.data.userId || user.role !== socket.data.role) socket.disconnect(true);
        })
        .catch(() => {});
    }
  }, opts.recheckMs ?? 60_000);
  // unref: it never keeps a shutting-down process alive.
  recheck.unref();
  setIo(io);
  return io;
}

/**
 * Emits a relayed domain event to the sockets allowed to see it. While no other panel
 * process has announced itself through the adapter's heartbeats, the emit stays local:
 * the PostgreSQL adapter would otherwise NOTIFY for every event, and notifying commits are
 * serialised by PostgreSQL (see lib/events/record-event.ts). `servers`: the adapter's
 * serverCount(), which the caller (publishEvent) asks once per event.
 */
export function publishToSockets(io: Server, event: RelayedEvent, servers: number) {
  const { userId, vpsId, ...message } = event;
  void vpsId;
  const alone = servers <= 1;
  // Alone and no socket in either room: nobody to tell, nothing to encode.
  const rooms = io.of("/").adapter.rooms;
  if (alone && !rooms.has(ADMIN_ROOM) && !(userId && rooms.has(userRoom(userId)))) return;
  const base = alone ? io.local : io;
  // The recipient's notification centre only: not admins, not the event envelope.
  if ((event.type as string) === NOTIFICATION_EVENT) {
    if (userId) base.to(userRoom(userId)).emit(NOTIFICATION_EVENT, event.payload);
    return;
  }
  const target = userId ? base.to(userRoom(userId)).to(ADMIN_ROOM) : base.to(ADMIN_ROOM);
  target.emit(event.type, message);
}
