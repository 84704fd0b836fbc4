// POST /api/webhooks/:id/deliveries/:deliveryId/redeliver — send one delivery again now
import { route } from "@/lib/http/handler";
import { WEBHOOKS_SCOPE } from "@/lib/webhooks/policy";
import { redeliverDelivery } from "@/lib/webhooks/redeliver-delivery";
import { deliveryParams } from "@/lib/webhooks/schemas";

export const POST = route.admin(
  { method: "POST", path: "/api/webhooks/:id/deliveries/:deliveryId/redeliver", tokenScope: WEBHOOKS_SCOPE, params: deliveryParams },
  async ({ db, params, audit }) => redeliverDelivery(db, params.id, params.deliveryId, audit),
);
