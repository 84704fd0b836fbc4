// Marks the caller's notifications read (the given ids, or all) and tells the caller's other
// tabs and devices the new unread count: socket.io `notification` to the user's room,
// through the adapter, so every panel process's sockets hear it. Ids of someone else's
// notifications match nothing (the owner filter is in the where).
import type { Db } from "../db";
import { userRoom, getIo } from "../realtime/rooms";
import { countUnread } from "./list-notifications";
import type { MarkReadInput } from "./schemas";
import { NOTIFICATION_EVENT, type NotificationMessage } from "./view";

export async function markNotificationsRead(db: Db, userId: number, input: MarkReadInput): Promise<{ unread: number; marked: number }> {
  const { count } = await db.notification.updateMany({
    where: { userId, inPanel: true, readAt: null, ...("ids" in input ? { id: { in: input.ids } } : {}) },
    data: { readAt: new Date() },
  });
  const unread = await countUnread(db, userId);
  if (count > 0) emitUnread(userId, unread);
  return { unread, marked: count };
}

export function emitUnread(userId: number, unread: number) {
  const message: NotificationMessage = { unread };
  getIo()?.to(userRoom(userId)).emit(NOTIFICATION_EVENT, message);
}
