// Sends one delivery again, now, with a fresh retry schedule. The delivery keeps its id,
// so `webhook-id` is unchanged and a receiver that deduplicates treats it as the same
// message. A delivery whose attempt is in flight is left alone (409).
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import { recordAudit } from "../audit/record-audit";
import type { Db } from "../db";
import { conflict, notFound } from "../errors";
import { wakeWebhookWorker } from "../events/bus";
import { getDelivery } from "./list-deliveries";
import type { DeliveryView } from "./view";

export async function redeliverDelivery(
  db: Db,
  webhookId: number,
  deliveryId: bigint,
  audit: AuditContext = SYSTEM_AUDIT,
): Promise<DeliveryView> {
  const now = new Date();
  const count = await db.$transaction(async (tx) => {
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: deliveryId, webhookId, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
      data: { status: "pending", attempts: 0, nextAttemptAt: now, lockedUntil: null },
    });
    if (count > 0)
      await recordAudit(tx, audit, { action: "webhook.redelivered", targetType: "delivery", targetId: deliveryId, details: { webhook_id: webhookId } });
    return count;
  });
  if (count === 0) {
    const exists = await db.webhookDelivery.findFirst({ where: { id: deliveryId, webhookId }, select: { id: true } });
    if (!exists) throw notFound(`Delivery ${deliveryId} of webhook ${webhookId} not found`);
    throw conflict("This delivery is being sent right now; try again in a moment");
  }
  wakeWebhookWorker();
  return getDelivery(db, webhookId, deliveryId);
}
