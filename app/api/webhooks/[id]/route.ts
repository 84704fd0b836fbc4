// GET /api/webhooks/:id — one webhook
// PATCH /api/webhooks/:id — change a webhook (name, url, event_type, secret, description, is_active)
// DELETE /api/webhooks/:id — delete a webhook and its delivery history
import { getDb } from "@/lib/db";
import { route } from "@/lib/http/handler";
import { intParam } from "@/lib/http/params";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";
import { getWebhook } from "@/lib/webhooks/get-webhook";
import { WEBHOOKS_SCOPE, webhookPolicy } from "@/lib/webhooks/policy";
import { updateWebhookBody } from "@/lib/webhooks/schemas";
import { updateWebhook } from "@/lib/webhooks/update-webhook";

export const GET = route({ auth: "admin", tokenScope: WEBHOOKS_SCOPE }, async ({ actor, params }) =>
  getWebhook(await getDb(), actor!, intParam(params.id, "Webhook")),
);

export const PATCH = route({ auth: "admin", tokenScope: WEBHOOKS_SCOPE, body: updateWebhookBody }, async ({ params, body, audit }) =>
  updateWebhook(await getDb(), intParam(params.id, "Webhook"), body, webhookPolicy(), audit),
);

export const DELETE = route({ auth: "admin", tokenScope: WEBHOOKS_SCOPE }, async ({ params, audit }) => {
  await deleteWebhook(await getDb(), intParam(params.id, "Webhook"), audit);
  return new Response(null, { status: 204 });
});
