// POST /api/account/password — change one's own password; every other session is signed out.
import { changePassword } from "@/lib/account/change-password";
import { currentSessionId } from "@/lib/account/current-session";
import { passwordChangeBody } from "@/lib/account/schemas";
import { clientIp } from "@/lib/auth/options";
import { route } from "@/lib/http/handler";

export const POST = route.user(
  { method: "POST", path: "/api/account/password", allow2faSetup: true, body: passwordChangeBody },
  async ({ db, actor, body, req, audit }) => {
    const result = await changePassword(db, {
      userId: actor.userId,
      currentSid: await currentSessionId(req.headers),
      currentPassword: body.current_password,
      newPassword: body.new_password,
      ip: clientIp(Object.fromEntries(req.headers)),
    }, audit);
    return { status: "success", ...result };
  },
);
