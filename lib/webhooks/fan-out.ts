// Outbox → deliveries. Claims events not yet queued for webhooks (FOR UPDATE SKIP LOCKED,
// so several processes share the work), writes one delivery per matching active webhook
// and marks the events queued — all in one transaction, so an event is queued exactly once
// (unique (webhook_id, event_id) guards the rest). The body is serialised here, once, as
// the exact bytes every attempt will send and sign.
import type { Database } from "../db";
import { ALL_EVENTS } from "./schemas";
import { pythonJsonDumps } from "./serialize";
import { sqlTransaction } from "./sql-tx";

const BATCH = 500;
const NOW = `(now() AT TIME ZONE 'UTC')`;

export interface FanOutResult {
  events: number;
  deliveries: number;
}

export async function fanOutEvents(db: Database, batch = BATCH): Promise<FanOutResult> {
  return sqlTransaction(db, async (q) => {
    const events = await q<{ id: string; type: string; payload: unknown }>(
      `SELECT id::text AS id, type, payload FROM domain_events
        WHERE webhooks_queued_at IS NULL
        ORDER BY id LIMIT ${Number(batch)}
        FOR UPDATE SKIP LOCKED`,
    );
    if (events.length === 0) return { events: 0, deliveries: 0 };
    const hooks = await q<{ id: number; event_types: string[] }>(`SELECT id, event_types FROM webhooks WHERE is_active`);
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
    let deliveries = 0;
    if (webhookIds.length > 0) {
      const inserted = await q(
        `INSERT INTO webhook_deliveries (webhook_id, event_id, event_type, body, next_attempt_at, created_at, updated_at)
         SELECT w, e, t, b, ${NOW}, ${NOW}, ${NOW}
           FROM unnest($1::int[], $2::bigint[], $3::text[], $4::text[]) AS x(w, e, t, b)
         ON CONFLICT (webhook_id, event_id) DO NOTHING
         RETURNING id`,
        [webhookIds, eventIds, types, bodies],
      );
      deliveries = inserted.length;
    }
    await q(`UPDATE domain_events SET webhooks_queued_at = ${NOW} WHERE id = ANY($1::bigint[])`, [events.map((e) => e.id)]);
    return { events: events.length, deliveries };
  });
}
