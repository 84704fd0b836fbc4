// POST /api/account/2fa/confirm — the first code from the app turns 2FA on; answers the 10
// recovery codes (shown this once).
import { getDb } from "@/lib/db";
import { codeBody } from "@/lib/account/schemas";
import { confirmTotpEnrolment } from "@/lib/auth/two-factor";
import { route } from "@/lib/http/handler";

export const POST = route({ auth: "user", allow2faSetup: true, body: codeBody }, async ({ actor, body, audit }) => {
  return confirmTotpEnrolment(await getDb(), actor!.userId, body.code, audit);
});
