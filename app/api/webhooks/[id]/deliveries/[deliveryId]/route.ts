// GET /api/webhooks/:id/deliveries/:deliveryId — one delivery with all its attempts
import { route } from "@/lib/http/handler";
import { getDelivery } from "@/lib/webhooks/list-deliveries";
import { WEBHOOKS_SCOPE } from "@/lib/webhooks/policy";
import { deliveryParams } from "@/lib/webhooks/schemas";

export const GET = route.admin(
  { method: "GET", path: "/api/webhooks/:id/deliveries/:deliveryId", tokenScope: WEBHOOKS_SCOPE, params: deliveryParams },
  async ({ db, params }) => getDelivery(db, params.id, params.deliveryId),
);
