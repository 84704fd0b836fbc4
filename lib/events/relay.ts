// The outbox relay: reads new events past its cursor (lib/events/cursor.ts, consumer
// "relay") and hands them to `publish`, which in server.ts emits through the socket.io
// adapter so every process's sockets receive them. Woken by the outbox signal — commits in
// this process (wakeRelay) and a NOTIFY on `ospab_events` from other programs
// (listen-outbox.ts) — and by a one-second safety-net timer that covers events written by
// other processes and events that committed out of id order (the cursor's gaps).
//
// It shares no rows and no locks with the webhook fan-out, which has a cursor of its own:
// neither can hold the other up (the one-second tail of issue 10, when both claimed rows of
// `domain_events`). It runs on a connection of its own, so its reads never wait for a
// connection behind the requests. Two relays (two processes) never publish one event
// twice: the cursor is swapped (compare-and-swap on its version) before the events are
// published, and only the relay whose swap succeeded publishes them.
import type { Database } from "../db";
import { log } from "../log";
import { onOutbox } from "./bus";
import { OutboxCursor, type CursorOptions, type OutboxRow } from "./cursor";
import type { EventMessage, EventType } from "./types";

export interface RelayedEvent extends EventMessage {
  userId: number | null;
  vpsId: number | null;
}

export interface Relay {
  stop(): Promise<void>;
  /** Resolves when the outbox has been drained once (tests, shutdown). */
  drain(): Promise<void>;
}

const BATCH = 200;
const BUSY_COALESCE_MS = 2;
/** Swaps lost in a row to other processes' relays before this run gives up until the next wake-up. */
const MAX_LOST_SWAPS = 20;

const toEvent = (r: OutboxRow): RelayedEvent => ({
  id: r.id,
  type: r.type as EventType,
  userId: r.user_id,
  vpsId: r.vps_id,
  payload: (typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>,
  timestamp: new Date(r.created_at).toISOString(),
});

export function startRelay(
  db: Database,
  publish: (event: RelayedEvent) => void,
  opts: { intervalMs?: number; cursor?: CursorOptions; now?: () => number } = {},
): Relay {
  const conn = db.ownConnection();
  const cursor = new OutboxCursor(conn.run, "relay", opts.cursor, opts.now);
  let running = false;
  let again = false;
  let stopped = false;
  let current: Promise<void> = Promise.resolve();

  /** The next batch this relay won, and whether a full batch suggests reading on. */
  async function claimBatch(): Promise<{ events: RelayedEvent[]; more: boolean }> {
    for (let lost = 0; lost < MAX_LOST_SWAPS; lost++) {
      const read = await cursor.read(BATCH);
      if (!read.changed) return { events: [], more: false };
      // Won: ours to publish. Lost: another process's relay published them; read on from
      // the cursor it left.
      if (await cursor.swap(read)) return { events: read.rows.map(toEvent), more: read.fresh >= BATCH };
    }
    return { events: [], more: false };
  }

  async function run() {
    if (running) {
      again = true;
      return current;
    }
    running = true;
    current = (async () => {
      try {
        do {
          again = false;
          let batch: { events: RelayedEvent[]; more: boolean };
          do {
            batch = await claimBatch();
            for (const e of batch.events) publish(e);
          } while (batch.more && !stopped);
          // Busy (commits arrived while we were reading): let a few more gather, so that one
          // read covers many events instead of racing every commit with a swap of its own.
          if (again && !stopped) await new Promise((r) => setTimeout(r, BUSY_COALESCE_MS));
        } while (again && !stopped);
      } catch (err) {
        cursor.reset();
        log.warn("relay: outbox read failed, will retry", { error: (err as Error).message });
      } finally {
        running = false;
      }
    })();
    return current;
  }

  const off = onOutbox(() => void run());
  const timer = setInterval(() => void run(), opts.intervalMs ?? 1000);
  timer.unref();

  void run();

  return {
    async stop() {
      stopped = true;
      off();
      clearInterval(timer);
      await current;
      await conn.close();
    },
    async drain() {
      await run();
      await current;
    },
  };
}
