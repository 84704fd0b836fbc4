// GET /api/webhooks/:id — one webhook
// PATCH /api/webhooks/:id — change a webhook (name, url, event_type, secret, description, is_active)
// DELETE /api/webhooks/:id — delete a webhook and its delivery history
import { reply, route } from "@/lib/http/handler";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";
import { getWebhook } from "@/lib/webhooks/get-webhook";
import { WEBHOOKS_SCOPE, webhookPolicy } from "@/lib/webhooks/policy";
import { updateWebhookBody, webhookParams } from "@/lib/webhooks/schemas";
import { updateWebhook } from "@/lib/webhooks/update-webhook";

const path = "/api/webhooks/:id";

export const GET = route.admin({ method: "GET", path, tokenScope: WEBHOOKS_SCOPE, params: webhookParams }, async ({ db, actor, params }) =>
  getWebhook(db, actor, params.id),
);

export const PATCH = route.admin(
  { method: "PATCH", path, tokenScope: WEBHOOKS_SCOPE, body: updateWebhookBody, params: webhookParams },
  async ({ db, params, body, audit }) => updateWebhook(db, params.id, body, webhookPolicy(), audit),
);

export const DELETE = route.admin({ method: "DELETE", path, tokenScope: WEBHOOKS_SCOPE, params: webhookParams }, async ({ db, params, audit }) => {
  await deleteWebhook(db, params.id, audit);
  return reply.empty(204);
});
