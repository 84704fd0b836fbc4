// DELETE /api/account/sessions/:id — sign out one of one's own sessions (another browser).
import { recordAudit } from "@/lib/audit/record-audit";
import { notFound } from "@/lib/errors";
import { revokeSession } from "@/lib/auth/user-sessions";
import { route } from "@/lib/http/handler";

export const DELETE = route.user(
  { method: "DELETE", path: "/api/account/sessions/:id", allow2faSetup: true },
  async ({ db, actor: { userId }, params, audit }) => {
    const sid = String(params.id);
    // The owner filter is in the update's where: another user's session id is simply not found.
    const revoked = await db.$transaction(async (tx) => {
      if (!(await revokeSession(tx, userId, sid))) return false;
      await recordAudit(tx, audit, { action: "account.session_revoked", targetType: "user", targetId: userId });
      return true;
    });
    if (!revoked) throw notFound("Session not found");
    return { status: "success" };
  },
);
