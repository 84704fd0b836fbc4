// GET /api/webhooks — list webhooks (event_type, is_active, limit, offset)
// POST /api/webhooks — create a webhook
import { reply, route } from "@/lib/http/handler";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";
import { WEBHOOKS_SCOPE, webhookPolicy } from "@/lib/webhooks/policy";
import { createWebhookBody, listWebhooksQuery } from "@/lib/webhooks/schemas";

export const GET = route.admin(
  { method: "GET", path: "/api/webhooks", tokenScope: WEBHOOKS_SCOPE, query: listWebhooksQuery },
  async ({ db, actor, query }) => listWebhooks(db, actor, query),
);

export const POST = route.admin(
  { method: "POST", path: "/api/webhooks", tokenScope: WEBHOOKS_SCOPE, idempotent: true, body: createWebhookBody },
  async ({ db, body, audit }) => reply(201, await createWebhook(db, body, webhookPolicy(), audit)),
);
