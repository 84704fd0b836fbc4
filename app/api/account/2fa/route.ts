// POST /api/account/2fa {"password"} — start two-factor enrolment: a new TOTP secret and its otpauth:// URL.
// DELETE /api/account/2fa — turn two-factor sign-in off (needs a current code or a recovery code).
import { getDb } from "@/lib/db";
import { codeBody, enrolBody } from "@/lib/account/schemas";
import { beginTotpEnrolment, disableTotp } from "@/lib/auth/two-factor";
import { clientIp } from "@/lib/auth/options";
import { route } from "@/lib/http/handler";

export const POST = route({ auth: "user", allow2faSetup: true, body: enrolBody }, async ({ actor, body, req }) => {
  return beginTotpEnrolment(await getDb(), actor!.userId, body.password, clientIp(Object.fromEntries(req.headers)));
});

export const DELETE = route({ auth: "user", allow2faSetup: true, body: codeBody }, async ({ actor, body, req, audit }) => {
  await disableTotp(await getDb(), actor!.userId, body.code, clientIp(Object.fromEntries(req.headers)), audit);
  return { status: "success", enabled: false };
});
