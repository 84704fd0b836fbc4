// GET /api/account/sessions — the signed-in user's live sessions (device, address, last seen).
// DELETE /api/account/sessions — "sign out everywhere": ends all of them, this one included.
import { currentSessionId } from "@/lib/account/current-session";
import { listAccountSessions } from "@/lib/account/list-sessions";
import { recordAudit } from "@/lib/audit/record-audit";
import { revokeSessions } from "@/lib/auth/user-sessions";
import { route } from "@/lib/http/handler";

export const GET = route.user({ method: "GET", path: "/api/account/sessions", allow2faSetup: true }, async ({ db, actor, req }) => ({
  sessions: await listAccountSessions(db, actor.userId, await currentSessionId(req.headers)),
}));

export const DELETE = route.user(
  { method: "DELETE", path: "/api/account/sessions", allow2faSetup: true },
  async ({ db, actor: { userId }, audit }) => {
    const revoked = await db.$transaction(async (tx) => {
      const n = await revokeSessions(tx, userId);
      await recordAudit(tx, audit, { action: "account.signed_out_everywhere", targetType: "user", targetId: userId, details: { sessions_ended: n } });
      return n;
    });
    return { status: "success", revoked_sessions: revoked };
  },
);
