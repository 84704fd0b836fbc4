// POST /api/webhooks/:id/test — send a webhook.test event and return its first attempt
import { getDb } from "@/lib/db";
import { route } from "@/lib/http/handler";
import { intParam } from "@/lib/http/params";
import { WEBHOOKS_SCOPE } from "@/lib/webhooks/policy";
import { sendTestEvent } from "@/lib/webhooks/send-test-event";

export const POST = route({ auth: "admin", tokenScope: WEBHOOKS_SCOPE }, async ({ params, audit }) =>
  sendTestEvent(await getDb(), intParam(params.id, "Webhook"), { audit }),
);
