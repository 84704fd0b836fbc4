// POST /api/account/2fa — start two-factor enrolment: a new TOTP secret and its otpauth:// URL.
// DELETE /api/account/2fa — turn two-factor sign-in off (needs a current code or a recovery code).
import { getDb } from "@/lib/db";
import { codeBody } from "@/lib/account/schemas";
import { beginTotpEnrolment, disableTotp } from "@/lib/auth/two-factor";
import { clientIp } from "@/lib/auth/options";
import { route } from "@/lib/http/handler";

export const POST = route({ auth: "user", allow2faSetup: true }, async ({ actor }) => {
  return beginTotpEnrolment(await getDb(), actor!.userId);
});

export const DELETE = route({ auth: "user", allow2faSetup: true, body: codeBody }, async ({ actor, body, req, audit }) => {
  await disableTotp(await getDb(), actor!.userId, body.code, clientIp(Object.fromEntries(req.headers)), audit);
  return { status: "success", enabled: false };
});
