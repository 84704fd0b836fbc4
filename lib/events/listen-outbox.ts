// Turns NOTIFY ospab_events into the in-process outbox signal, which wakes the socket relay
// and the webhook fan-out. Panel services do not NOTIFY (see record-event.ts: their own
// process wakes at once, the others poll); programs writing events from outside may, to be
// picked up at once. One LISTEN connection per process; it reconnects by itself after the
// server restarts. PGlite (one process) needs none.
import type { PoolClient } from "pg";
import type { Database } from "../db";
import { wakeRelay } from "./bus";
import { EVENTS_CHANNEL } from "./record-event";

export function listenForOutbox(db: Database): () => Promise<void> {
  const pool = db.pool;
  if (!pool) return async () => {};
  let stopped = false;
  let client: PoolClient | undefined;
  const retry = () => {
    if (!stopped) setTimeout(listen, 1000).unref();
  };
  const drop = () => {
    const c = client;
    client = undefined;
    c?.release(true);
  };
  const listen = async () => {
    try {
      const c = await pool.connect();
      client = c;
      c.on("notification", () => wakeRelay());
      c.on("error", () => {
        if (client !== c) return;
        drop();
        retry();
      });
      c.on("end", () => {
        if (client !== c) return;
        drop();
        retry();
      });
      await c.query(`LISTEN ${EVENTS_CHANNEL}`);
      // Events committed while we were not listening.
      wakeRelay();
    } catch {
      drop();
      retry();
    }
  };
  void listen();
  return async () => {
    stopped = true;
    drop();
  };
}
