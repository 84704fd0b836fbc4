// PATCH /api/account/profile — one's own display name and UI language (the email is the
// main site's and cannot be changed here).
import { profileBody } from "@/lib/account/schemas";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http/handler";

export const PATCH = route({ auth: "user", allow2faSetup: true, body: profileBody }, async ({ actor, body }) => {
  const user = await (await getDb()).user.update({
    where: { id: actor!.userId },
    data: { ...(body.name !== undefined ? { name: body.name || null } : {}), ...(body.locale ? { locale: body.locale } : {}) },
    select: { name: true, email: true, locale: true },
  });
  // audit: account.profile_updated
  return { status: "success", user };
});
