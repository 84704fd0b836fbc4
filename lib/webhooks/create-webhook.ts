// Creates a webhook. The URL passes the SSRF guard (after DNS) and the secret is stored
// sealed (AES-256-GCM); neither the secret nor its ciphertext is ever returned.
import type { Db } from "../db";
import { sealWebhookSecret } from "./webhook-secret";
import { webhookView } from "./get-webhook";
import type { CreateWebhookBody } from "./schemas";
import { assertSafeWebhookUrl } from "./url-guard";
import type { WebhookView } from "./view";

export interface WebhookPolicy {
  allowPrivate: boolean;
}

export async function createWebhook(db: Db, input: CreateWebhookBody, policy: WebhookPolicy): Promise<WebhookView> {
  await assertSafeWebhookUrl(input.url, policy.allowPrivate);
  const row = await db.webhook.create({
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
  return webhookView(db, row.id);
}
