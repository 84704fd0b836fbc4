// GET /api/orders/:id — one order of the signed-in user (any order for admins), else 404
import { getDb } from "@/lib/db";
import { route } from "@/lib/http/handler";
import { idParam } from "@/lib/http/id-param";
import { getOrder } from "@/lib/orders/list-orders";

export const GET = route({ auth: "user", tokenScope: ["vps:read", "orders:write"] }, async ({ actor, params }) => {
  return { order: await getOrder(await getDb(), actor!, idParam(params.id, "Order")) };
});
