// GET /api/webhooks — list webhooks (event_type, is_active, limit, offset)
// POST /api/webhooks — create a webhook
import { getDb } from "@/lib/db";
import { reply, route } from "@/lib/http/handler";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";
import { WEBHOOKS_SCOPE, webhookPolicy } from "@/lib/webhooks/policy";
import { createWebhookBody, listWebhooksQuery } from "@/lib/webhooks/schemas";

export const GET = route({ auth: "admin", tokenScope: WEBHOOKS_SCOPE, query: listWebhooksQuery }, async ({ actor, query }) =>
  listWebhooks(await getDb(), actor!, query),
);

export const POST = route({ auth: "admin", tokenScope: WEBHOOKS_SCOPE, idempotent: true, body: createWebhookBody }, async ({ body, audit }) =>
  reply(201, await createWebhook(await getDb(), body, webhookPolicy(), audit)),
);
