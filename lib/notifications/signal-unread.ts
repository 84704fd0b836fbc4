// Tells a user's sockets (socket.io `notification`, every process's) that their notification
// centre changed: an outbox row of the internal type "notification", written in the caller's
// transaction, so the message is sent once the change commits and is never lost when
// another process's relay claims it (lib/realtime/socket-server.ts routes it to the user's
// room only). The unread count is read in the same transaction.
import type { Prisma } from "../generated/prisma/client";
import { recordEvent } from "../events/record-event";
import { NOTIFICATION_EVENT, type NotificationMessage, type NotificationView } from "./types";

type Tx = Pick<Prisma.TransactionClient, "notification" | "domainEvent">;

/** The caller's unread notifications in the centre (email-only rows are not counted). */
export async function countUnread(tx: Pick<Prisma.TransactionClient, "notification">, userId: number): Promise<number> {
  return tx.notification.count({ where: { userId, inPanel: true, readAt: null } });
}

export async function signalUnread(tx: Tx, userId: number, notification?: NotificationView): Promise<void> {
  const payload: NotificationMessage = { unread: await countUnread(tx, userId), ...(notification ? { notification } : {}) };
  await recordEvent(tx, { type: NOTIFICATION_EVENT, userId, vpsId: null, payload: payload as unknown as Record<string, unknown> });
}
