// GET /api/tokens — the signed-in user's API tokens; POST /api/tokens — issue one (shown once).
import { z } from "zod";
import { getDb } from "@/lib/db";
import { reply, route } from "@/lib/http/handler";
import { createToken } from "@/lib/tokens/create-token";
import { listOwnTokens } from "@/lib/tokens/list-tokens";
import { TOKEN_SCOPES } from "@/lib/tokens/scopes";

const createTokenSchema = z.object({
  name: z.string().trim().min(1, "name must not be empty").max(100, "name must be at most 100 characters"),
  scopes: z
    .array(z.enum(TOKEN_SCOPES, { error: `scopes must be among ${TOKEN_SCOPES.join(", ")}` }))
    .min(1, "choose at least one scope"),
  expires_in_days: z.number().int("expires_in_days must be a whole number").min(1).max(3650).nullish(),
});

export const GET = route({ auth: "user" }, async ({ actor }) => ({ tokens: await listOwnTokens(await getDb(), actor!) }));

export const POST = route({ auth: "user", idempotent: true, body: createTokenSchema, maxBody: 8 * 1024 }, async ({ actor, body, audit }) => {
  const { token, secret } = await createToken(await getDb(), actor!, {
    name: body.name,
    scopes: body.scopes,
    expiresInDays: body.expires_in_days ?? undefined,
  }, audit);
  return reply(201, { status: "success", token: { ...token, token: secret } });
});
