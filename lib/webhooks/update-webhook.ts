// Changes a webhook. A new URL passes the SSRF guard again. Setting a secret here replaces
// it at once (rotate-webhook-secret.ts keeps the old one valid for a while instead).
// Re-activating a webhook clears its failure streak, and its parked deliveries resume.
import type { Db } from "../db";
import { sealWebhookSecret } from "./webhook-secret";
import { notFound } from "../errors";
import { wakeWebhookWorker } from "../events/bus";
import type { WebhookPolicy } from "./create-webhook";
import { webhookView } from "./get-webhook";
import type { UpdateWebhookBody } from "./schemas";
import { assertSafeWebhookUrl } from "./url-guard";
import type { WebhookView } from "./view";

export async function updateWebhook(db: Db, id: number, input: UpdateWebhookBody, policy: WebhookPolicy): Promise<WebhookView> {
  const current = await db.webhook.findUnique({ where: { id }, select: { isActive: true } });
  if (!current) throw notFound(`Webhook ${id} not found`);
  if (input.url !== undefined) await assertSafeWebhookUrl(input.url, policy.allowPrivate);
  const reactivated = input.is_active === true && !current.isActive;
  await db.webhook.update({
    where: { id },
    data: {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.url !== undefined ? { url: input.url } : {}),
      ...(input.event_type !== undefined ? { eventTypes: input.event_type } : {}),
      ...(input.description !== undefined ? { description: input.description || null } : {}),
      ...(input.secret !== undefined
        ? { secretEnc: input.secret ? sealWebhookSecret(input.secret) : null, previousSecretEnc: null, previousSecretUntil: null }
        : {}),
      ...(input.is_active !== undefined ? { isActive: input.is_active } : {}),
      ...(reactivated ? { consecutiveFailures: 0, disabledReason: null } : {}),
    },
  });
  if (reactivated) wakeWebhookWorker();
  return webhookView(db, id);
}
