// POST /api/orders/:id/fail — the main site (X-API-Key) fails an order: {reason}
import { z } from "zod";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http/handler";
import { idParam } from "@/lib/http/id-param";
import { failOrder } from "@/lib/orders/fail-order";

export const POST = route(
  { auth: "machine", idempotent: true, body: z.object({ reason: z.string().trim().min(1, "reason is required").max(500) }) },
  async ({ body, params, audit }) => {
    return { status: "success", order: await failOrder(await getDb(), idParam(params.id, "Order"), body.reason, audit) };
  },
);
