// Reads webhooks with their delivery counts. Secrets stay out (has_secret only).
import type { Db } from "../db";
import { notFound } from "../errors";
import { assertAdmin } from "../users/access";
import type { Actor } from "../users/actor";
import { NO_COUNTS, toWebhookView, type WebhookCounts, type WebhookView } from "./view";

export async function webhookCounts(db: Db, ids: number[]): Promise<Map<number, WebhookCounts>> {
  const map = new Map<number, WebhookCounts>();
  if (ids.length === 0) return map;
  const rows = await db.$queryRaw<{ webhook_id: number; success: number; failed: number; pending: number; last: Date | null }[]>`
    SELECT webhook_id,
           count(*) FILTER (WHERE status = 'success')::int AS success,
           count(*) FILTER (WHERE status = 'failed')::int  AS failed,
           count(*) FILTER (WHERE status = 'pending')::int AS pending,
           max(updated_at) FILTER (WHERE attempts > 0)     AS last
      FROM webhook_deliveries WHERE webhook_id = ANY(${ids}::int[]) GROUP BY webhook_id`;
  for (const r of rows) map.set(r.webhook_id, { success: r.success, failed: r.failed, pending: r.pending, lastTriggeredAt: r.last });
  return map;
}

/** Whether each webhook has a secret, without reading the secret itself out of the query. */
export async function secretFlags(db: Db, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.webhook.findMany({ where: { id: { in: ids }, secretEnc: { not: null } }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}

/** One webhook as an administrator reads it (pages and GET /api/webhooks/:id). */
export async function getWebhook(db: Db, actor: Actor, id: number): Promise<WebhookView> {
  assertAdmin(actor);
  return webhookView(db, id);
}

/** The view of a webhook for services that already authorised the change they return it from. */
export async function webhookView(db: Db, id: number): Promise<WebhookView> {
  const row = await db.webhook.findUnique({ where: { id } });
  if (!row) throw notFound(`Webhook ${id} not found`);
  const [counts, secrets] = await Promise.all([webhookCounts(db, [id]), secretFlags(db, [id])]);
  return toWebhookView(row, secrets.has(id), counts.get(id) ?? NO_COUNTS);
}
