// PUT /api/me/locale — saves the UI language (per user when signed in, cookie always).
import { serialize } from "cookie";
import { auditContextOf } from "@/lib/audit/context";
import { recordAudit } from "@/lib/audit/record-audit";
import { reply, route, sessionActor } from "@/lib/http/handler";
import { LOCALE_COOKIE } from "@/lib/i18n/config";
import { localeBody } from "@/lib/i18n/schemas";

const YEAR_SECONDS = 365 * 24 * 3600;

export const PUT = route.public({ method: "PUT", path: "/api/me/locale", body: localeBody }, async ({ db, body, clientAddress, requestId }) => {
  // Anyone may choose a language; a signed-in user's choice is also saved (and audited).
  const actor = await sessionActor();
  if (actor) {
    const audit = auditContextOf({ actor, machine: false, clientAddress, requestId });
    await db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: actor.userId }, data: { locale: body.locale } });
      await recordAudit(tx, audit, { action: "locale.changed", targetType: "user", targetId: actor.userId, details: { locale: body.locale } });
    });
  }
  const cookie = serialize(LOCALE_COOKIE, body.locale, {
    path: "/",
    expires: new Date(Date.now() + YEAR_SECONDS * 1000),
    maxAge: YEAR_SECONDS,
    sameSite: "lax",
  });
  return reply(200, { locale: body.locale }, { "set-cookie": cookie });
});
