// Retention of the outbox (`domain_events`, insert-only). A row may go once every consumer
// has read past it and it is older than DOMAIN_EVENTS_RETENTION (default 90 days).
//
// Who reads old rows, and so what the window is for:
// - the consumers (lib/events/cursor.ts: the socket relay and the webhook fan-out) read only
//   above their cursor's position and the gap ids below it, so a row below every cursor's
//   position and lowest gap is never read by them again — a lagging consumer (a fan-out down
//   for a day) keeps everything it has not read, however old;
// - socket.io and /ws have no replay (a reconnecting client reloads its page), and a
//   webhook redelivery resends the delivery's own stored body: neither needs the outbox;
// - the pages read history from it: a VPS's activity timeline (its latest 50 events) and
//   the admin overview's latest events, which therefore show the retention window; an
//   order's history (order.created / order.status_changed, a few rows an order) is kept
//   whatever its age, as the order's record.
//
// Deleted in batches (a short transaction each, oldest first), by every process running the
// workers, at start and then hourly: rows are claimed FOR UPDATE SKIP LOCKED, so several
// processes pruning at once delete each row once and never wait for each other.
import type { Database } from "../db";
import { log } from "../log";
import { type Periodic, runPeriodically } from "../utils/periodic";
import type { Consumer } from "./cursor";

export const OUTBOX_CONSUMERS: readonly Consumer[] = ["relay", "webhooks"];
export const DEFAULT_OUTBOX_RETENTION = "90d";
export const OUTBOX_PRUNE_BATCH = 5_000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

// The highest id no consumer can still need, plus one: the lowest of every consumer's
// position + 1 and lowest gap. NULL (nothing deleted) unless every consumer has its cursor.
// $1 the consumers.
const FLOOR = `
  SELECT CASE WHEN count(*) = cardinality($1::text[]) THEN
           min(LEAST(position + 1, COALESCE((SELECT min(k::bigint) FROM jsonb_object_keys(gaps) AS k), position + 1)))
         END::text AS floor
    FROM outbox_cursors WHERE consumer = ANY($1::text[])`;

// One batch: the next $4 rows after id $1 and below the floor $2, oldest first; of those,
// the ones older than $3 and not an order's history go. Returns how many went, the last id
// looked at (where the next batch starts) and whether a row young enough to stay was met
// (ids and times rise together, so the rest are younger still: the run ends).
const BATCH = `
  WITH scanned AS (
    SELECT id, type, created_at FROM domain_events
     WHERE id > $1::bigint AND id < $2::bigint
     ORDER BY id LIMIT $4::int
       FOR UPDATE SKIP LOCKED
  ), gone AS (
    DELETE FROM domain_events d USING scanned s
     WHERE d.id = s.id AND s.created_at < $3::timestamp(3) AND s.type NOT LIKE 'order.%'
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM gone)::int AS deleted,
         (SELECT max(id) FROM scanned)::text AS last,
         (SELECT count(*) FROM scanned)::int AS scanned,
         EXISTS (SELECT 1 FROM scanned WHERE created_at >= $3::timestamp(3)) AS young`;

export interface PruneResult {
  deleted: number;
  /** The id below which rows were considered (null: a consumer has no cursor, nothing went). */
  floor: string | null;
}

/**
 * Deletes the outbox rows every consumer has read and that are older than `retentionMs`
 * (order history excepted), `batch` rows at a time. Safe to run in several processes at once.
 */
export async function pruneOutbox(db: Database, retentionMs: number, opts: { now?: Date; batch?: number } = {}): Promise<PruneResult> {
  const now = opts.now ?? new Date();
  const batch = opts.batch ?? OUTBOX_PRUNE_BATCH;
  const [{ floor }] = await db.sql.query<{ floor: string | null }>(FLOOR, [OUTBOX_CONSUMERS]);
  if (floor === null) return { deleted: 0, floor };
  // created_at is stored as UTC without a time zone (timestamp(3)).
  const cutoff = new Date(now.getTime() - retentionMs).toISOString().slice(0, -1);
  let after = "0";
  let deleted = 0;
  for (;;) {
    const [r] = await db.sql.query<{ deleted: number; last: string | null; scanned: number; young: boolean }>(BATCH, [after, floor, cutoff, batch]);
    deleted += r.deleted;
    if (r.last === null || r.young || r.scanned < batch) break;
    after = r.last;
  }
  return { deleted, floor };
}

export type OutboxRetention = Periodic;

export function startOutboxRetention(db: Database, retentionMs: number, everyMs = PRUNE_EVERY_MS): OutboxRetention {
  return runPeriodically(
    async () => {
      const { deleted } = await pruneOutbox(db, retentionMs);
      if (deleted > 0) log.info("outbox: pruned events every consumer has read", { rows: deleted, retention_ms: retentionMs });
    },
    everyMs,
    (err) => log.warn("outbox: pruning failed, will retry", { error: (err as Error)?.message ?? String(err) }),
  );
}
