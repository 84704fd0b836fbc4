// The outbox relay: claims unrelayed events and hands them to `publish`, which in server.ts
// emits through the socket.io adapter so every process's sockets receive them. Woken by the
// outbox signal — commits in this process (wakeRelay) and a NOTIFY on `ospab_events` from
// other programs (listen-outbox.ts) — and by a one-second safety-net timer that covers
// events whose writer died before waking anyone.
//
// The claim never skips a locked row (no SKIP LOCKED): the webhook fan-out (fan-out.ts)
// also updates these rows, and a relay that skipped the fan-out's rows left those events
// for the timer (the one-second tail of issue 10). It waits instead — every claimer of
// `domain_events` (relays and fan-outs, in any process) locks rows only inside one short
// statement and in ascending id order, so the wait is one statement long and cannot
// deadlock. Two relays never publish one event twice: a relay that waited rechecks
// `relayed_at IS NULL` on the row the other one committed and leaves it out.
import { queryPrepared, type Database } from "../db";
import { log } from "../log";
import { onOutbox } from "./bus";
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

/** One statement (no transaction around it): the row locks last only while it runs. Runs on
 *  every wake-up, so it is a named prepared statement (parsed and planned once per connection). */
const CLAIM = { name: "ospab_relay_claim", values: [] as unknown[], text: `
  WITH claimed AS (
    SELECT id FROM domain_events WHERE relayed_at IS NULL
     ORDER BY id LIMIT ${BATCH} FOR NO KEY UPDATE
  )
  UPDATE domain_events d SET relayed_at = now() FROM claimed WHERE d.id = claimed.id
  RETURNING d.id::text AS id, d.type, d.user_id, d.vps_id, d.payload, d.created_at` };

export function startRelay(
  db: Database,
  publish: (event: RelayedEvent) => void,
  opts: { intervalMs?: number } = {},
): Relay {
  let running = false;
  let again = false;
  let stopped = false;
  let current: Promise<void> = Promise.resolve();

  async function claimBatch(): Promise<RelayedEvent[]> {
    const rows = await queryPrepared<{
      id: string;
      type: string;
      user_id: number | null;
      vps_id: number | null;
      payload: Record<string, unknown>;
      created_at: Date;
    }>(db.prisma, CLAIM);
    return rows
      .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))
      .map((r) => ({
        id: r.id,
        type: r.type as EventType,
        userId: r.user_id,
        vpsId: r.vps_id,
        payload: typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload,
        timestamp: new Date(r.created_at).toISOString(),
      }));
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
          let batch: RelayedEvent[];
          do {
            batch = await claimBatch();
            for (const e of batch) publish(e);
          } while (batch.length === BATCH && !stopped);
          // Busy (commits arrived while we were claiming): let a few more gather, so that one
          // claim covers many events instead of racing every commit with a write of its own.
          if (again && !stopped) await new Promise((r) => setTimeout(r, BUSY_COALESCE_MS));
        } while (again && !stopped);
      } catch (err) {
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
    },
    async drain() {
      await run();
      await current;
    },
  };
}
