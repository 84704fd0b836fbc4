// POST /api/account/password — change one's own password; every other session is signed out.
import { changePassword } from "@/lib/account/change-password";
import { currentSessionId } from "@/lib/account/current-session";
import { passwordChangeBody } from "@/lib/account/schemas";
import { clientIp } from "@/lib/auth/options";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http/handler";

export const POST = route({ auth: "user", allow2faSetup: true, body: passwordChangeBody }, async ({ actor, body, req, audit }) => {
  const result = await changePassword(await getDb(), {
    userId: actor!.userId,
    currentSid: await currentSessionId(req.headers),
    currentPassword: body.current_password,
    newPassword: body.new_password,
    ip: clientIp(Object.fromEntries(req.headers)),
  }, audit);
  return { status: "success", ...result };
});
