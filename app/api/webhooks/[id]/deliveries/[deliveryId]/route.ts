// GET /api/webhooks/:id/deliveries/:deliveryId — one delivery with all its attempts
import { getDb } from "@/lib/db";
import { route } from "@/lib/http/handler";
import { bigintParam, intParam } from "@/lib/http/params";
import { getDelivery } from "@/lib/webhooks/list-deliveries";
import { WEBHOOKS_SCOPE } from "@/lib/webhooks/policy";

export const GET = route({ auth: "admin", tokenScope: WEBHOOKS_SCOPE }, async ({ params }) =>
  getDelivery(await getDb(), intParam(params.id, "Webhook"), bigintParam(params.deliveryId, "Delivery")),
);
