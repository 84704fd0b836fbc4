// Issues a new signing secret. The old one keeps signing (X-Webhook-Signature-Previous and
// a second v1 entry in webhook-signature) for PREVIOUS_SECRET_GRACE_MS, so receivers can
// switch without losing deliveries. The new secret is returned once and never again.
import { randomBytes } from "node:crypto";
import type { Db } from "../db";
import { sealWebhookSecret } from "./webhook-secret";
import { notFound } from "../errors";
import { webhookView } from "./get-webhook";
import type { WebhookView } from "./view";

export const PREVIOUS_SECRET_GRACE_MS = 24 * 3600 * 1000;

export async function rotateWebhookSecret(db: Db, id: number): Promise<{ webhook: WebhookView; secret: string }> {
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
  });
  return { webhook: await webhookView(db, id), secret };
}
