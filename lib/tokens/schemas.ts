// The API tokens' request schemas.
import { z } from "zod";
import { TOKEN_SCOPES } from "./scopes";

/** POST /api/tokens */
export const createTokenBody = z.object({
  name: z.string().trim().min(1, "name must not be empty").max(100, "name must be at most 100 characters"),
  scopes: z
    .array(z.enum(TOKEN_SCOPES, { error: `scopes must be among ${TOKEN_SCOPES.join(", ")}` }))
    .min(1, "choose at least one scope"),
  expires_in_days: z.number().int("expires_in_days must be a whole number").min(1).max(3650).nullish(),
});
