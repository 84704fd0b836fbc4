// Outbox → deliveries. Reads events not yet queued for webhooks (no lock), serialises each
// body once — the exact bytes every attempt will send and sign — and then, in ONE statement,
// locks those of the events still unqueued, writes one delivery per matching active webhook
// and marks them queued. An event is queued exactly once: a fan-out (here or in another
// process) that read the same events waits for the first one's row locks, rechecks
// `webhooks_queued_at IS NULL` and leaves them out (unique (webhook_id, event_id) guards
// the rest).
//
// Why not `FOR UPDATE SKIP LOCKED` for the whole transaction, as before: the socket relay
// (lib/events/relay.ts) claims the same rows, and whichever of the two lost skipped the
// other's locked rows, so those events waited for the one-second timer. Now the fan-out
// holds row locks only for the one statement, the relay waits for them instead of skipping,
// and both lock in ascending id order (no deadlock).
import { queryPrepared, type Database } from "../db";
import { ALL_EVENTS } from "./schemas";
import { pythonJsonDumps } from "./serialize";

export const FAN_OUT_BATCH = 500;
const NOW = `(now() AT TIME ZONE 'UTC')`;

export interface FanOutResult {
  /** Unqueued events read (fewer than the batch: the outbox is drained for webhooks). */
  read: number;
  /** Events this call queued (the others were queued meanwhile by another fan-out). */
  events: number;
  deliveries: number;
}

const QUEUE_SQL = `
  WITH locked AS (
    SELECT id FROM domain_events
     WHERE id = ANY($1::bigint[]) AND webhooks_queued_at IS NULL
     ORDER BY id FOR NO KEY UPDATE
  ), ins AS (
    INSERT INTO webhook_deliveries (webhook_id, event_id, event_type, body, next_attempt_at, created_at, updated_at)
    SELECT w, e, t, b, ${NOW}, ${NOW}, ${NOW}
      FROM unnest($2::int[], $3::bigint[], $4::text[], $5::text[]) AS x(w, e, t, b)
     WHERE e = ANY((SELECT array_agg(id) FROM locked)::bigint[])
       AND w IN (SELECT id FROM webhooks WHERE is_active)
    ON CONFLICT (webhook_id, event_id) DO NOTHING
    RETURNING 1
  ), upd AS (
    UPDATE domain_events d SET webhooks_queued_at = ${NOW} FROM locked WHERE d.id = locked.id
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM upd)::int AS events, (SELECT count(*) FROM ins)::int AS deliveries`;

// Run on every wake-up of the webhook worker: named prepared statements (lib/db.ts
// queryPrepared), parsed and planned once per connection.
const READ = {
  name: "ospab_fanout_read",
  text: `SELECT id::text AS id, type, payload FROM domain_events
          WHERE webhooks_queued_at IS NULL
          ORDER BY id LIMIT $1::int`,
};
const HOOKS = { name: "ospab_fanout_hooks", text: `SELECT id, event_types FROM webhooks WHERE is_active ORDER BY id`, values: [] as unknown[] };

export async function fanOutEvents(db: Database, batch = FAN_OUT_BATCH): Promise<FanOutResult> {
  const events = await queryPrepared<{ id: string; type: string; payload: unknown }>(db.prisma, { ...READ, values: [Number(batch)] });
  if (events.length === 0) return { read: 0, events: 0, deliveries: 0 };
  const hooks = await queryPrepared<{ id: number; event_types: string[] }>(db.prisma, HOOKS);
  const webhookIds: number[] = [];
  const eventIds: string[] = [];
  const types: string[] = [];
  const bodies: string[] = [];
  for (const e of events) {
    const targets = hooks.filter((h) => h.event_types.includes(ALL_EVENTS) || h.event_types.includes(e.type));
    if (targets.length === 0) continue;
    const body = pythonJsonDumps(typeof e.payload === "string" ? JSON.parse(e.payload) : e.payload);
    for (const h of targets) {
      webhookIds.push(h.id);
      eventIds.push(e.id);
      types.push(e.type);
      bodies.push(body);
    }
  }
  const [r] = await queryPrepared<{ events: number; deliveries: number }>(db.prisma, {
    name: "ospab_fanout_queue",
    text: QUEUE_SQL,
    values: [events.map((e) => e.id), webhookIds, eventIds, types, bodies],
  });
  return { read: events.length, events: Number(r.events), deliveries: Number(r.deliveries) };
}
