// GET /api/notifications?cursor=&limit= — the caller's notification centre, newest first,
// with the unread count. The signed-in person only: no token scope covers it.
import { route } from "@/lib/http/handler";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { listNotificationsQuery } from "@/lib/notifications/schemas";

export const GET = route.user({ method: "GET", path: "/api/notifications", query: listNotificationsQuery }, async ({ db, actor, query }) =>
  listNotifications(db, actor.userId, query),
);
