// POST /api/account/2fa/confirm — the first code from the app turns 2FA on; answers the 10
// recovery codes (shown this once).
import { codeBody } from "@/lib/account/schemas";
import { confirmTotpEnrolment } from "@/lib/auth/two-factor";
import { route } from "@/lib/http/handler";

export const POST = route.user(
  { method: "POST", path: "/api/account/2fa/confirm", allow2faSetup: true, body: codeBody },
  async ({ db, actor, body, audit }) => confirmTotpEnrolment(db, actor.userId, body.code, audit),
);
