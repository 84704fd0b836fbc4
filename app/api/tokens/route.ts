// GET /api/tokens — the signed-in user's API tokens; POST /api/tokens — issue one (shown once).
import { reply, route } from "@/lib/http/handler";
import { createToken } from "@/lib/tokens/create-token";
import { listOwnTokens } from "@/lib/tokens/list-tokens";
import { createTokenBody } from "@/lib/tokens/schemas";

export const GET = route.user({ method: "GET", path: "/api/tokens" }, async ({ db, actor }) => ({ tokens: await listOwnTokens(db, actor) }));

export const POST = route.user(
  { method: "POST", path: "/api/tokens", idempotent: true, body: createTokenBody, maxBody: 8 * 1024 },
  async ({ db, actor, body, audit }) => {
    const { token, secret } = await createToken(db, actor, {
      name: body.name,
      scopes: body.scopes,
      expiresInDays: body.expires_in_days ?? undefined,
    }, audit);
    return reply(201, { status: "success", token: { ...token, token: secret } });
  },
);
