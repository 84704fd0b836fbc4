// GET /api/admin/orders/:id — one order with its owner and status history (admins only).
import { isForeignOrigin } from "@/lib/audit/access";
import { forbidden } from "@/lib/errors";
import { route } from "@/lib/http/handler";
import { idParams } from "@/lib/http/params";
import { getAdminOrder } from "@/lib/orders/admin-orders";

export const GET = route.admin(
  { method: "GET", path: "/api/admin/orders/:id", params: idParams("Order") },
  async ({ db, actor, params, req }) => {
    if (isForeignOrigin(req.headers.get("origin"))) throw forbidden("Cross-site requests may not read the orders");
    return getAdminOrder(db, actor, params.id);
  },
);
