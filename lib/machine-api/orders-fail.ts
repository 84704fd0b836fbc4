// POST /api/orders/:id/fail — the main site (X-API-Key) fails an order: {reason}
import { route } from "../http/handler";
import { idParams } from "../http/params";
import { failOrder } from "../orders/fail-order";
import { failOrderBody } from "../orders/schemas";

export const orderFailPost = route.machine(
  { method: "POST", path: "/api/orders/:id/fail", idempotent: true, body: failOrderBody, params: idParams("Order") },
  async ({ db, body, params, audit }) => ({ status: "success", order: await failOrder(db, params.id, body.reason, audit) }),
);
