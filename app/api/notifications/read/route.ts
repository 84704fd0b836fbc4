// POST /api/notifications/read — {"ids":[…]} or {"all":true}: marks the caller's own
// notifications read, answers the new unread count and sends it to the caller's sockets.
import { route } from "@/lib/http/handler";
import { markNotificationsRead } from "@/lib/notifications/mark-read";
import { markReadBody } from "@/lib/notifications/schemas";

export const POST = route.user({ method: "POST", path: "/api/notifications/read", body: markReadBody, maxBody: 32 * 1024 }, async ({ db, actor, body }) => {
  const { unread } = await markNotificationsRead(db, actor.userId, body);
  return { unread };
});
