// The socket.io rooms and the process's io instance, apart from socket-server.ts so that
// code in Next's route bundles can signal sockets without importing socket.io itself (the
// instance lives on globalThis: server.ts and the route bundles are separate module graphs).
import type { Server } from "socket.io";

export const ADMIN_ROOM = "admins";
export const userRoom = (id: number) => `user:${id}`;

const store = globalThis as unknown as { __ospabIo?: Server; __ospabSignals?: Map<string, { timer?: NodeJS.Timeout; last: number }> };

export function getIo(): Server | undefined {
  return store.__ospabIo;
}

export function setIo(io: Server) {
  store.__ospabIo = io;
}

/**
 * Tells the admins' sockets (every process's, through the adapter) that `name` has news,
 * at most once per `everyMs` per process: a burst of machine calls is one signal at its
 * start and one at its end, never one per call. The signal carries no data; the page reads
 * what changed through its own authorised route.
 */
export function signalAdmins(name: string, everyMs = 1000) {
  const io = getIo();
  if (!io) return;
  const signals = (store.__ospabSignals ??= new Map());
  const s = signals.get(name) ?? { last: 0 };
  signals.set(name, s);
  if (s.timer) return;
  const wait = s.last + everyMs - Date.now();
  const fire = () => {
    s.timer = undefined;
    s.last = Date.now();
    io.to(ADMIN_ROOM).emit(name, {});
  };
  if (wait <= 0) fire();
  else {
    s.timer = setTimeout(fire, wait);
    s.timer.unref();
  }
}
