// POST /api/webhooks/:id/test — send a webhook.test event and return its first attempt
import { route } from "@/lib/http/handler";
import { WEBHOOKS_SCOPE } from "@/lib/webhooks/policy";
import { webhookParams } from "@/lib/webhooks/schemas";
import { sendTestEvent } from "@/lib/webhooks/send-test-event";

export const POST = route.admin(
  { method: "POST", path: "/api/webhooks/:id/test", tokenScope: WEBHOOKS_SCOPE, params: webhookParams },
  async ({ db, params, audit }) => sendTestEvent(db, params.id, { audit }),
);
