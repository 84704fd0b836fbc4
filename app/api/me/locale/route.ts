// PUT /api/me/locale — saves the UI language (per user when signed in, cookie always).
import { auditContextOf } from "@/lib/audit/context";
import { recordAudit } from "@/lib/audit/record-audit";
import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { route, sessionActor } from "@/lib/http/handler";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n/config";

export const PUT = route({ auth: "none", body: z.object({ locale: z.enum(LOCALES) }) }, async ({ body, clientAddress, requestId }) => {
  const actor = await sessionActor();
  if (actor) {
    const audit = auditContextOf({ actor, machine: false, clientAddress, requestId });
    await (await getDb()).$transaction(async (tx) => {
      await tx.user.update({ where: { id: actor.userId }, data: { locale: body.locale } });
      await recordAudit(tx, audit, { action: "locale.changed", targetType: "user", targetId: actor.userId, details: { locale: body.locale } });
    });
  }
  const res = NextResponse.json({ locale: body.locale });
  res.cookies.set(LOCALE_COOKIE, body.locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
  return res;
});
