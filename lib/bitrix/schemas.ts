// What the 1C-Bitrix providers plugin sends.
import { z } from "zod";

/** GET /api/integrations/bitrix/:command */
export const bitrixQuery = z.object({ task_id: z.string().max(40).optional() });

/** POST /api/integrations/bitrix/order (a form body) */
export const bitrixOrderBody = z.object({
  config_id: z.string().trim().min(1, "order needs a configuration id: order <config_id>").max(40),
});
