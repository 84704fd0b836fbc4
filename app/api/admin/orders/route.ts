// GET /api/admin/orders — everyone's orders: status, user (id or email/username), search, pages (admins only).
import { adminOrdersQuerySchema } from "@/lib/admin/schemas";
import { isForeignOrigin } from "@/lib/audit/access";
import { forbidden } from "@/lib/errors";
import { route } from "@/lib/http/handler";
import { listAdminOrders } from "@/lib/orders/admin-orders";

export const GET = route.admin({ method: "GET", path: "/api/admin/orders", query: adminOrdersQuerySchema }, async ({ db, actor, query, req }) => {
  if (isForeignOrigin(req.headers.get("origin"))) throw forbidden("Cross-site requests may not read the orders");
  const page = await listAdminOrders(db, actor, query);
  return { orders: page.items, total: page.total, page: page.page, per_page: page.perPage, pages: page.pages };
});
