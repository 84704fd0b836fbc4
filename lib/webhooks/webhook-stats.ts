// GET /api/webhooks/stats figures, with the seed's fields plus pending and last-24h attempts.
import type { Db } from "../db";
import { assertAdmin } from "../users/access";
import type { Actor } from "../users/actor";
import type { WebhookStats } from "./view";

export async function webhookStats(db: Db, actor: Actor): Promise<WebhookStats> {
  assertAdmin(actor);
  const [hooks] = await db.$queryRaw<{ total: number; active: number }[]>`
    SELECT count(*)::int AS total, count(*) FILTER (WHERE is_active)::int AS active FROM webhooks`;
  const [d] = await db.$queryRaw<{ total: number; success: number; failed: number; pending: number }[]>`
    SELECT count(*)::int AS total,
           count(*) FILTER (WHERE status = 'success')::int AS success,
           count(*) FILTER (WHERE status = 'failed')::int  AS failed,
           count(*) FILTER (WHERE status = 'pending')::int AS pending
      FROM webhook_deliveries`;
  const [a] = await db.$queryRaw<{ total: number; failed: number }[]>`
    SELECT count(*)::int AS total,
           count(*) FILTER (WHERE response_status IS NULL OR response_status NOT BETWEEN 200 AND 299)::int AS failed
      FROM webhook_attempts WHERE started_at >= (now() AT TIME ZONE 'UTC') - interval '24 hours'`;
  return {
    total_webhooks: hooks.total,
    active_webhooks: hooks.active,
    total_deliveries: d.total,
    successful_deliveries: d.success,
    failed_deliveries: d.failed,
    pending_deliveries: d.pending,
    success_rate: d.total > 0 ? Math.round((d.success / d.total) * 10000) / 100 : 0,
    attempts_last_24h: a.total,
    failed_attempts_last_24h: a.failed,
  };
}
