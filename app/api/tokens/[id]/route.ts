// DELETE /api/tokens/:id — revoke one of the signed-in user's own tokens.
import { route } from "@/lib/http/handler";
import { idParams } from "@/lib/http/params";
import { revokeToken } from "@/lib/tokens/revoke-token";

export const DELETE = route.user(
  { method: "DELETE", path: "/api/tokens/:id", idempotent: true, params: idParams("Token") },
  async ({ db, actor, params, audit }) => ({ status: "success", token: await revokeToken(db, actor, params.id, audit) }),
);
