// Outbox → deliveries. Claims events not yet queued for webhooks (FOR UPDATE SKIP LOCKED,
// so several processes share the work), writes one delivery per matching active webhook
// and marks the events queued — all in one transaction, so an event is queued exactly once
// (unique (webhook_id, event_id) guards the rest). The body is serialised here, once, as
// the exact bytes every attempt will send and sign.
import type { Database } from "../db";
import { ALL_EVENTS } from "./schemas";
import { pythonJsonDumps } from "./serialize";

const BATCH = 200;

export interface FanOutResult {
  events: number;
  deliveries: number;
}

export async function fanOutEvents(db: Database, batch = BATCH): Promise<FanOutResult> {
  return db.prisma.$transaction(async (tx) => {
    const events = await tx.$queryRaw<{ id: bigint; type: string; payload: unknown }[]>`
      SELECT id, type, payload FROM domain_events
       WHERE webhooks_queued_at IS NULL
       ORDER BY id LIMIT ${batch}
       FOR UPDATE SKIP LOCKED`;
    if (events.length === 0) return { events: 0, deliveries: 0 };
    const hooks = await tx.webhook.findMany({ where: { isActive: true }, select: { id: true, eventTypes: true } });
    const webhookIds: number[] = [];
    const eventIds: string[] = [];
    const types: string[] = [];
    const bodies: string[] = [];
    for (const e of events) {
      const targets = hooks.filter((h) => h.eventTypes.includes(ALL_EVENTS) || h.eventTypes.includes(e.type));
      if (targets.length === 0) continue;
      const payload = typeof e.payload === "string" ? JSON.parse(e.payload) : e.payload;
      const body = pythonJsonDumps(payload);
      for (const h of targets) {
        webhookIds.push(h.id);
        eventIds.push(e.id.toString());
        types.push(e.type);
        bodies.push(body);
      }
    }
    let deliveries = 0;
    if (webhookIds.length > 0) {
      deliveries = await tx.$executeRaw`
        INSERT INTO webhook_deliveries (webhook_id, event_id, event_type, body, next_attempt_at, created_at, updated_at)
        SELECT w, e, t, b, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
          FROM unnest(${webhookIds}::int[], ${eventIds}::bigint[], ${types}::text[], ${bodies}::text[]) AS x(w, e, t, b)
        ON CONFLICT (webhook_id, event_id) DO NOTHING`;
    }
    const ids = events.map((e) => e.id.toString());
    await tx.$executeRaw`
      UPDATE domain_events SET webhooks_queued_at = now() AT TIME ZONE 'UTC' WHERE id = ANY(${ids}::bigint[])`;
    return { events: events.length, deliveries };
  });
}
