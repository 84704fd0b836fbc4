// The caller's notification centre: the newest panel notifications first, a page at a time
// (cursor = the last id seen), with the unread count. Only the recipient's own rows, and
// only those meant for the panel (in_panel; email-only rows are the mail queue's).
import type { Db } from "../db";
import type { NotificationList } from "./schemas";
import { toNotificationView } from "./view";

const inCentre = (userId: number) => ({ userId, inPanel: true });

export async function listNotifications(db: Db, userId: number, { cursor, limit }: { cursor?: bigint; limit: number }): Promise<NotificationList> {
  const [rows, unread] = await Promise.all([
    db.notification.findMany({
      where: { ...inCentre(userId), ...(cursor ? { id: { lt: cursor } } : {}) },
      orderBy: { id: "desc" },
      take: limit + 1,
      select: { id: true, kind: true, vpsId: true, params: true, readAt: true, createdAt: true },
    }),
    db.notification.count({ where: { ...inCentre(userId), readAt: null } }),
  ]);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { notifications: page.map(toNotificationView), unread, next_cursor: rows.length > limit && last ? last.id.toString() : null };
}
