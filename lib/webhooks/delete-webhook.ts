// Deletes a webhook with its delivery history (cascade).
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import { recordAudit } from "../audit/record-audit";
import type { Db } from "../db";
import { notFound } from "../errors";

export async function deleteWebhook(db: Db, id: number, audit: AuditContext = SYSTEM_AUDIT): Promise<void> {
  await db.$transaction(async (tx) => {
    const hook = await tx.webhook.findUnique({ where: { id }, select: { name: true } });
    const { count } = await tx.webhook.deleteMany({ where: { id } });
    if (count === 0) throw notFound(`Webhook ${id} not found`);
    await recordAudit(tx, audit, { action: "webhook.deleted", targetType: "webhook", targetId: id, details: { name: hook?.name ?? null } });
  });
}
