// GET /api/webhooks/:id/deliveries — delivery history (status, limit, offset)
import { getDb } from "@/lib/db";
import { route } from "@/lib/http/handler";
import { intParam } from "@/lib/http/params";
import { listDeliveries } from "@/lib/webhooks/list-deliveries";
import { WEBHOOKS_SCOPE } from "@/lib/webhooks/policy";
import { listDeliveriesQuery } from "@/lib/webhooks/schemas";

export const GET = route({ auth: "admin", tokenScope: WEBHOOKS_SCOPE, query: listDeliveriesQuery }, async ({ params, query }) =>
  listDeliveries(await getDb(), intParam(params.id, "Webhook"), query),
);
