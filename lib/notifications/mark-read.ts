// Marks the caller's notifications read (the given ids, or all) and tells the caller's other
// tabs and devices the new unread count: the socket.io `notification` event through the
// outbox (signalUnread, in the same transaction), so it reaches every panel process's
// sockets once the change commits. Ids of someone else's notifications match nothing (the
// owner filter is in the where).
import type { Db } from "../db";
import { wakeRelay } from "../events/bus";
import type { MarkReadInput } from "./schemas";
import { countUnread, signalUnread } from "./signal-unread";

export async function markNotificationsRead(db: Db, userId: number, input: MarkReadInput): Promise<{ unread: number; marked: number }> {
  const result = await db.$transaction(async (tx) => {
    const { count } = await tx.notification.updateMany({
      where: { userId, inPanel: true, readAt: null, ...("ids" in input ? { id: { in: input.ids } } : {}) },
      data: { readAt: new Date() },
    });
    if (count > 0) await signalUnread(tx, userId);
    return { unread: await countUnread(tx, userId), marked: count };
  });
  if (result.marked > 0) wakeRelay();
  return result;
}
