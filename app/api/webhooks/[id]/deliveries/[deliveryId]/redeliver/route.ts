// POST /api/webhooks/:id/deliveries/:deliveryId/redeliver — send one delivery again now
import { getDb } from "@/lib/db";
import { route } from "@/lib/http/handler";
import { bigintParam, intParam } from "@/lib/http/params";
import { WEBHOOKS_SCOPE } from "@/lib/webhooks/policy";
import { redeliverDelivery } from "@/lib/webhooks/redeliver-delivery";

export const POST = route({ auth: "admin", tokenScope: WEBHOOKS_SCOPE }, async ({ params, audit }) =>
  redeliverDelivery(await getDb(), intParam(params.id, "Webhook"), bigintParam(params.deliveryId, "Delivery"), audit),
);
