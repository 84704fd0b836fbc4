// GET /api/orders/:id — one order of the signed-in user (any order for admins), else 404
// DELETE /api/orders/:id — the owner cancels an order nobody has started (in progress, no VPS yet);
//   started or done → 409, someone else's → 404 (admins too: they fail orders instead)
import { route } from "@/lib/http/handler";
import { idParams } from "@/lib/http/params";
import { cancelOrder } from "@/lib/orders/cancel-order";
import { getOrder } from "@/lib/orders/list-orders";

export const GET = route.user(
  { method: "GET", path: "/api/orders/:id", tokenScope: ["vps:read", "orders:write"], params: idParams("Order") },
  async ({ db, actor, params }) => ({ order: await getOrder(db, actor, params.id) }),
);

export const DELETE = route.user(
  { method: "DELETE", path: "/api/orders/:id", tokenScope: "orders:write", idempotent: true, params: idParams("Order") },
  async ({ db, actor, params, audit }) => ({ order: await cancelOrder(db, actor, params.id, audit) }),
);
