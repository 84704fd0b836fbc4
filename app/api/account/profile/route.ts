// PATCH /api/account/profile — one's own display name, UI language and time zone (the email
// is the main site's and cannot be changed here).
import { profileBody } from "@/lib/account/schemas";
import { recordAudit } from "@/lib/audit/record-audit";
import { route } from "@/lib/http/handler";

export const PATCH = route.user(
  { method: "PATCH", path: "/api/account/profile", allow2faSetup: true, body: profileBody },
  async ({ db, actor: { userId }, body, audit }) => {
    const user = await db.$transaction(async (tx) => {
      const u = await tx.user.update({
        where: { id: userId },
        data: {
          ...(body.name !== undefined ? { name: body.name || null } : {}),
          ...(body.locale ? { locale: body.locale } : {}),
          ...(body.time_zone !== undefined ? { timeZone: body.time_zone } : {}),
        },
        select: { name: true, email: true, locale: true, timeZone: true },
      });
      await recordAudit(tx, audit, { action: "account.profile_updated", targetType: "user", targetId: userId, details: { fields: Object.keys(body) } });
      return u;
    });
    const { timeZone, ...rest } = user;
    return { status: "success", user: { ...rest, time_zone: timeZone } };
  },
);
