// Queues a `webhook.test` delivery to one webhook (active or not) through the normal
// worker — same signing, SSRF guard and retries — and waits briefly for its first attempt
// so the admin sees the receiver's answer at once.
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import { recordAudit } from "../audit/record-audit";
import type { Db } from "../db";
import { notFound } from "../errors";
import { wakeWebhookWorker } from "../events/bus";
import { getDelivery } from "./list-deliveries";
import { TEST_EVENT_TYPE } from "./schemas";
import { pythonJsonDumps } from "./serialize";
import type { DeliveryView } from "./view";

export async function sendTestEvent(
  db: Db,
  webhookId: number,
  opts: { waitMs?: number; audit?: AuditContext } = {},
): Promise<DeliveryView> {
  const hook = await db.webhook.findUnique({ where: { id: webhookId }, select: { id: true, name: true } });
  if (!hook) throw notFound(`Webhook ${webhookId} not found`);
  const payload = {
    test: true,
    message: "Test event from ospab-panel",
    webhook_id: hook.id,
    webhook_name: hook.name,
    sent_at: new Date().toISOString(),
  };
  const row = await db.$transaction(async (tx) => {
    const delivery = await tx.webhookDelivery.create({
      data: { webhookId, eventType: TEST_EVENT_TYPE, body: pythonJsonDumps(payload) },
      select: { id: true },
    });
    await recordAudit(tx, opts.audit ?? SYSTEM_AUDIT, {
      action: "webhook.test_sent",
      targetType: "webhook",
      targetId: webhookId,
      details: { delivery_id: String(delivery.id) },
    });
    return delivery;
  });
  wakeWebhookWorker();
  const deadline = Date.now() + (opts.waitMs ?? 20_000);
  while (Date.now() < deadline) {
    const done = await db.webhookAttempt.count({ where: { deliveryId: row.id } });
    if (done > 0) break;
    await new Promise((r) => setTimeout(r, 150));
  }
  return getDelivery(db, webhookId, row.id);
}
