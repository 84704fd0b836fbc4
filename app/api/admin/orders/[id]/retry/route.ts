// POST /api/admin/orders/:id/retry — an admin sends a failed order (no VPS ever linked) back
// to the main site: in_progress again and a fresh order.created. Anything else → 409.
import { route } from "@/lib/http/handler";
import { idParams } from "@/lib/http/params";
import { retryOrder } from "@/lib/orders/retry-order";

export const POST = route.admin(
  { method: "POST", path: "/api/admin/orders/:id/retry", idempotent: true, params: idParams("Order") },
  async ({ db, params, audit }) => ({ order: await retryOrder(db, params.id, audit) }),
);
