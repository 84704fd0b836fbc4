// Issues a new signing secret. The old one keeps signing (X-Webhook-Signature-Previous and
// a second v1 entry in webhook-signature) for PREVIOUS_SECRET_GRACE_MS, so receivers can
// switch without losing deliveries. The new secret is returned once and never again.
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import { recordAudit } from "../audit/record-audit";
import { randomBytes } from "node:crypto";
import type { Db } from "../db";
import { sealWebhookSecret } from "./webhook-secret";
import { notFound } from "../errors";
import { webhookView } from "./get-webhook";
import type { WebhookView } from "./view";

export const PREVIOUS_SECRET_GRACE_MS = 24 * 3600 * 1000;

export async function rotateWebhookSecret(db: Db, id: number, audit: AuditContext = SYSTEM_AUDIT): Promise<{ webhook: WebhookView; secret: string }> {
  const secret = randomBytes(32).toString("hex");
  await db.$transaction(async (tx) => {
    const current = await tx.webhook.findUnique({ where: { id }, select: { secretEnc: true } });
    if (!current) throw notFound(`Webhook ${id} not found`);
    await tx.webhook.update({
      where: { id },
      data: {
        secretEnc: sealWebhookSecret(secret),
        previousSecretEnc: current.secretEnc,
        previousSecretUntil: current.secretEnc ? new Date(Date.now() + PREVIOUS_SECRET_GRACE_MS) : null,
      },
    });
    await recordAudit(tx, audit, { action: "webhook.secret_rotated", targetType: "webhook", targetId: id });
  });
  return { webhook: await webhookView(db, id), secret };
}
