// Changes a webhook. A new URL passes the SSRF guard again. Setting a secret here replaces
// it at once (rotate-webhook-secret.ts keeps the old one valid for a while instead).
// Re-activating a webhook clears its failure streak, and its parked deliveries resume.
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import { recordAudit } from "../audit/record-audit";
import type { Db } from "../db";
import { sealWebhookSecret } from "./webhook-secret";
import { notFound } from "../errors";
import { wakeWebhookWorker } from "../events/bus";
import type { WebhookPolicy } from "./create-webhook";
import { webhookView } from "./get-webhook";
import type { UpdateWebhookBody } from "./schemas";
import { assertSafeWebhookUrl } from "./url-guard";
import type { WebhookView } from "./view";

export async function updateWebhook(
  db: Db,
  id: number,
  input: UpdateWebhookBody,
  policy: WebhookPolicy,
  audit: AuditContext = SYSTEM_AUDIT,
): Promise<WebhookView> {
  const current = await db.webhook.findUnique({ where: { id }, select: { isActive: true } });
  if (!current) throw notFound(`Webhook ${id} not found`);
  if (input.url !== undefined) await assertSafeWebhookUrl(input.url, policy.allowPrivate);
  const reactivated = input.is_active === true && !current.isActive;
  await db.$transaction(async (tx) => {
    await tx.webhook.update({
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
    // Field names only (never the secret); the new URL's host.
    await recordAudit(tx, audit, {
      action: "webhook.updated",
      targetType: "webhook",
      targetId: id,
      details: {
        changed: Object.keys(input).filter((k) => input[k as keyof UpdateWebhookBody] !== undefined),
        ...(input.url !== undefined ? { url_host: new URL(input.url).host } : {}),
        ...(input.is_active !== undefined ? { is_active: input.is_active } : {}),
      },
    });
  });
  if (reactivated) wakeWebhookWorker();
  return webhookView(db, id);
}
