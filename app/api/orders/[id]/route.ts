// GET /api/orders/:id — one order of the signed-in user (any order for admins), else 404
import { route } from "@/lib/http/handler";
import { idParams } from "@/lib/http/params";
import { getOrder } from "@/lib/orders/list-orders";

export const GET = route.user(
  { method: "GET", path: "/api/orders/:id", tokenScope: ["vps:read", "orders:write"], params: idParams("Order") },
  async ({ db, actor, params }) => ({ order: await getOrder(db, actor, params.id) }),
);
