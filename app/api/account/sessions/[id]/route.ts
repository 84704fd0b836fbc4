// DELETE /api/account/sessions/:id — sign out one of one's own sessions (another browser).
import { notFound } from "@/lib/errors";
import { revokeSession } from "@/lib/auth/user-sessions";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http/handler";

export const DELETE = route({ auth: "user", allow2faSetup: true }, async ({ actor, params }) => {
  // The owner filter is in the update's where: another user's session id is simply not found.
  if (!(await revokeSession(await getDb(), actor!.userId, String(params.id)))) throw notFound("Session not found");
  // audit: account.session_revoked
  return { status: "success" };
});
