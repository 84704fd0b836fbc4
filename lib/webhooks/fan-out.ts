// Outbox → deliveries. Reads the events past the fan-out's cursor (lib/events/cursor.ts,
// consumer "webhooks"; the outbox row itself is never written), serialises each body once —
// the exact bytes every attempt will send and sign — and then, in ONE statement, swaps the
// cursor (compare-and-swap on its version) and writes one delivery per matching active
// webhook, the deliveries only if the swap succeeded. An event is queued exactly once: a
// fan-out (here or in another process) that read the same events loses the swap, writes
// nothing, reloads the cursor and reads on from there (unique (webhook_id, event_id) guards
// the rest).
//
// The socket relay (lib/events/relay.ts) has a cursor of its own: the two never lock the
// same rows and never wait for each other.
import { queryPrepared, type Database, type RunPrepared } from "../db";
import { OutboxCursor, SWAP_SQL, type OutboxRow } from "../events/cursor";
import { isDomainEventType } from "../events/types";
import { ALL_EVENTS } from "./schemas";
import { pythonJsonDumps } from "./serialize";

export const FAN_OUT_BATCH = 500;
const NOW = `(now() AT TIME ZONE 'UTC')`;
/** Swaps lost in a row to other processes' fan-outs before this call gives up until the next wake-up. */
const MAX_LOST_SWAPS = 20;

export interface FanOutResult {
  /** New events read past the cursor (fewer than the batch: the outbox is drained for webhooks). */
  read: number;
  /** Events this call queued (taken past the cursor, whether or not a webhook wanted them). */
  events: number;
  deliveries: number;
}

// $1..$4: the cursor swap (SWAP_SQL's parameters); $5..$8 the deliveries.
const QUEUE = {
  name: "ospab_fanout_queue",
  text: `
  WITH swap AS (${SWAP_SQL}), ins AS (
    INSERT INTO webhook_deliveries (webhook_id, event_id, event_type, body, next_attempt_at, created_at, updated_at)
    SELECT w, e, t, b, ${NOW}, ${NOW}, ${NOW}
      FROM unnest($5::int[], $6::bigint[], $7::text[], $8::text[]) AS x(w, e, t, b)
     WHERE EXISTS (SELECT 1 FROM swap)
       AND w IN (SELECT id FROM webhooks WHERE is_active)
    ON CONFLICT (webhook_id, event_id) DO NOTHING
    RETURNING 1
  )
  SELECT (SELECT version FROM swap) AS version, (SELECT count(*) FROM ins)::int AS deliveries`,
};

// Run on every wake-up of the webhook worker: named prepared statements (lib/db.ts
// queryPrepared), parsed and planned once per connection.
const HOOKS = { name: "ospab_fanout_hooks", text: `SELECT id, event_types FROM webhooks WHERE is_active ORDER BY id`, values: [] as unknown[] };

/** One cursor per database handle (its cached position; the row is the truth). */
const cursors = new WeakMap<Database, OutboxCursor>();
function cursorOf(db: Database): OutboxCursor {
  let c = cursors.get(db);
  if (!c) {
    const run: RunPrepared = (q) => queryPrepared(db.prisma, q);
    c = new OutboxCursor(run, "webhooks");
    cursors.set(db, c);
  }
  return c;
}

/**
 * Internal outbox rows never go out; an alert's events only when its rule's channels name
 * "webhook" (the payload carries them: docs/webhooks.md).
 */
function wantsWebhooks(e: OutboxRow): boolean {
  if (!isDomainEventType(e.type)) return false;
  if (e.type !== "vps.alert" && e.type !== "vps.alert_resolved") return true;
  const payload = (typeof e.payload === "string" ? JSON.parse(e.payload) : e.payload) as { channels?: unknown };
  return Array.isArray(payload.channels) && payload.channels.includes("webhook");
}

export async function fanOutEvents(db: Database, batch = FAN_OUT_BATCH): Promise<FanOutResult> {
  const cursor = cursorOf(db);
  try {
    for (let lost = 0; lost < MAX_LOST_SWAPS; lost++) {
      // The active webhooks first: only the events one of them wants are read whole.
      const hooks = await queryPrepared<{ id: number; event_types: string[] }>(db.prisma, HOOKS);
      const wanted = hooks.some((h) => h.event_types.includes(ALL_EVENTS)) ? null : [...new Set(hooks.flatMap((h) => h.event_types))];
      const read = await cursor.read(Number(batch), wanted);
      if (!read.changed) return { read: 0, events: 0, deliveries: 0 };
      const webhookIds: number[] = [];
      const eventIds: string[] = [];
      const types: string[] = [];
      const bodies: string[] = [];
      for (const e of read.rows) {
        // Targets first: a row no webhook wants came without its payload.
        const targets = hooks.filter((h) => h.event_types.includes(ALL_EVENTS) || h.event_types.includes(e.type));
        if (targets.length === 0 || !wantsWebhooks(e)) continue;
        const body = pythonJsonDumps(typeof e.payload === "string" ? JSON.parse(e.payload) : e.payload);
        for (const h of targets) {
          webhookIds.push(h.id);
          eventIds.push(e.id);
          types.push(e.type);
          bodies.push(body);
        }
      }
      const [r] = await queryPrepared<{ version: string | null; deliveries: number }>(db.prisma, {
        ...QUEUE,
        values: [cursor.consumer, ...read.swap, webhookIds, eventIds, types, bodies],
      });
      cursor.settle(read, r.version);
      // Lost the swap: another fan-out queued these; read on from the cursor it left.
      if (r.version !== null) return { read: read.fresh, events: read.rows.length, deliveries: Number(r.deliveries) };
    }
    return { read: 0, events: 0, deliveries: 0 };
  } catch (err) {
    cursor.reset();
    throw err;
  }
}
