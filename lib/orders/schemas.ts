// The orders domain's request schemas.
import { z } from "zod";

/** GET /api/orders */
export const listOrdersQuery = z.object({
  all: z.enum(["0", "1", "true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

/** POST /api/orders */
export const createOrderBody = z.object({
  plan_id: z.number().int().positive().max(2_147_483_647),
  os: z.string().trim().min(1).max(100).optional(),
});

/** POST /api/orders/:id/fail (the main site) */
export const failOrderBody = z.object({ reason: z.string().trim().min(1, "reason is required").max(500) });
