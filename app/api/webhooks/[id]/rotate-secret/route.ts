// POST /api/webhooks/:id/rotate-secret — new signing secret (shown once); the old one signs for 24 h more
import { reply, route } from "@/lib/http/handler";
import { WEBHOOKS_SCOPE } from "@/lib/webhooks/policy";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";
import { webhookParams } from "@/lib/webhooks/schemas";

export const POST = route.admin(
  { method: "POST", path: "/api/webhooks/:id/rotate-secret", tokenScope: WEBHOOKS_SCOPE, params: webhookParams },
  async ({ db, params, audit }) => {
    const { webhook, secret } = await rotateWebhookSecret(db, params.id, audit);
    return reply(200, { webhook, secret }, { "cache-control": "no-store" });
  },
);
