// DELETE /api/tokens/:id — revoke one of the signed-in user's own tokens.
import { getDb } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { route } from "@/lib/http/handler";
import { revokeToken } from "@/lib/tokens/revoke-token";

export const DELETE = route({ auth: "user", idempotent: true }, async ({ actor, params, audit }) => {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) throw notFound(`Token ${params.id} not found`);
  return { status: "success", token: await revokeToken(await getDb(), actor!, id, audit) };
});
