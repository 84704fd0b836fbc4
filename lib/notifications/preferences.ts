// The user's notification channels (users.notify_panel / notify_email): a rule's channels
// AND these decide what the engine writes. email_available says whether this panel can
// send email at all (SMTP_URL): the account page explains when it cannot.
import type { AuditContext } from "../audit/context";
import { recordAudit } from "../audit/record-audit";
import type { Db } from "../db";
import type { PreferencesInput } from "./schemas";
import type { NotificationPreferences } from "./schemas";

export async function getNotificationPreferences(db: Db, userId: number, emailAvailable: boolean): Promise<NotificationPreferences> {
  const u = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { notifyPanel: true, notifyEmail: true } });
  return { panel: u.notifyPanel, email: u.notifyEmail, email_available: emailAvailable };
}

export async function setNotificationPreferences(db: Db, userId: number, input: PreferencesInput, emailAvailable: boolean, audit: AuditContext): Promise<NotificationPreferences> {
  const u = await db.$transaction(async (tx) => {
    const row = await tx.user.update({ where: { id: userId }, data: { notifyPanel: input.panel, notifyEmail: input.email }, select: { notifyPanel: true, notifyEmail: true } });
    await recordAudit(tx, audit, { action: "account.notifications_updated", targetType: "user", targetId: userId, details: { panel: input.panel, email: input.email } });
    return row;
  });
  return { panel: u.notifyPanel, email: u.notifyEmail, email_available: emailAvailable };
}
