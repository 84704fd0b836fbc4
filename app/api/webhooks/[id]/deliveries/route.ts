// GET /api/webhooks/:id/deliveries — delivery history (status, limit, offset)
import { route } from "@/lib/http/handler";
import { listDeliveries } from "@/lib/webhooks/list-deliveries";
import { WEBHOOKS_SCOPE } from "@/lib/webhooks/policy";
import { listDeliveriesQuery, webhookParams } from "@/lib/webhooks/schemas";

export const GET = route.admin(
  { method: "GET", path: "/api/webhooks/:id/deliveries", tokenScope: WEBHOOKS_SCOPE, query: listDeliveriesQuery, params: webhookParams },
  async ({ db, params, query }) => listDeliveries(db, params.id, query),
);
