// POST /api/webhooks/:id/rotate-secret — new signing secret (shown once); the old one signs for 24 h more
import { getDb } from "@/lib/db";
import { route } from "@/lib/http/handler";
import { intParam } from "@/lib/http/params";
import { WEBHOOKS_SCOPE } from "@/lib/webhooks/policy";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";

export const POST = route({ auth: "admin", tokenScope: WEBHOOKS_SCOPE }, async ({ params, audit }) => {
  const { webhook, secret } = await rotateWebhookSecret(await getDb(), intParam(params.id, "Webhook"), audit);
  return Response.json({ webhook, secret }, { headers: { "cache-control": "no-store" } });
});
