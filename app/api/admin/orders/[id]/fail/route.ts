// POST /api/admin/orders/:id/fail — an admin fails an order with a reason ({reason}); as the
// main site's fail: a finished or cancelled order → 409, failing twice keeps the first reason.
import { route } from "@/lib/http/handler";
import { idParams } from "@/lib/http/params";
import { failOrder } from "@/lib/orders/fail-order";
import { failOrderBody } from "@/lib/orders/schemas";

export const POST = route.admin(
  { method: "POST", path: "/api/admin/orders/:id/fail", idempotent: true, params: idParams("Order"), body: failOrderBody },
  async ({ db, params, body, audit }) => ({ order: await failOrder(db, params.id, body.reason, audit) }),
);
