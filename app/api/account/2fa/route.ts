// POST /api/account/2fa {"password"} — start two-factor enrolment: a new TOTP secret and its otpauth:// URL.
// DELETE /api/account/2fa — turn two-factor sign-in off (needs a current code or a recovery code).
import { codeBody, enrolBody } from "@/lib/account/schemas";
import { beginTotpEnrolment, disableTotp } from "@/lib/auth/two-factor";
import { clientIp } from "@/lib/auth/options";
import { route } from "@/lib/http/handler";

export const POST = route.user(
  { method: "POST", path: "/api/account/2fa", allow2faSetup: true, body: enrolBody },
  async ({ db, actor, body, req }) => beginTotpEnrolment(db, actor.userId, body.password, clientIp(Object.fromEntries(req.headers))),
);

export const DELETE = route.user(
  { method: "DELETE", path: "/api/account/2fa", allow2faSetup: true, body: codeBody },
  async ({ db, actor, body, req, audit }) => {
    await disableTotp(db, actor.userId, body.code, clientIp(Object.fromEntries(req.headers)), audit);
    return { status: "success", enabled: false };
  },
);
