// Creates a webhook. The URL passes the SSRF guard (after DNS) and the secret is stored
// sealed (AES-256-GCM); neither the secret nor its ciphertext is ever returned.
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import { recordAudit } from "../audit/record-audit";
import type { Db } from "../db";
import { sealWebhookSecret } from "./webhook-secret";
import { webhookView } from "./get-webhook";
import type { CreateWebhookBody } from "./schemas";
import { assertSafeWebhookUrl } from "./url-guard";
import type { WebhookView } from "./view";

export interface WebhookPolicy {
  allowPrivate: boolean;
}

export async function createWebhook(
  db: Db,
  input: CreateWebhookBody,
  policy: WebhookPolicy,
  audit: AuditContext = SYSTEM_AUDIT,
): Promise<WebhookView> {
  await assertSafeWebhookUrl(input.url, policy.allowPrivate);
  const row = await db.$transaction(async (tx) => {
    const created = await tx.webhook.create({
    data: {
      name: input.name,
      url: input.url,
      eventTypes: input.event_type,
      description: input.description || null,
      secretEnc: input.secret ? sealWebhookSecret(input.secret) : null,
      isActive: input.is_active ?? true,
    },
    select: { id: true },
    });
    // The URL's host only: a path or query string may carry the receiver's own secret.
    await recordAudit(tx, audit, {
      action: "webhook.created",
      targetType: "webhook",
      targetId: created.id,
      details: { name: input.name, url_host: new URL(input.url).host, event_types: input.event_type, secret_set: !!input.secret },
    });
    return created;
  });
  return webhookView(db, row.id);
}
