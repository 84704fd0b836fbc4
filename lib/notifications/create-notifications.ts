// Writes notifications (alerts, traffic notices) inside the caller's transaction, each once
// (dedupe_key: a repeat is skipped), and signals the recipients' sockets through the outbox.
// in_panel follows the panel channel AND the user's notify_panel; email_status is "pending"
// for the mail worker when email is wanted (channel AND notify_email) and SMTP_URL is set,
// "off" when it is wanted but there is no SMTP, null when not wanted.
import type { Prisma } from "../generated/prisma/client";
import type { EmailStatus, NotificationKind } from "./schemas";
import { signalUnread } from "./signal-unread";
import { toNotificationView } from "./view";

type Tx = Pick<Prisma.TransactionClient, "notification" | "domainEvent">;

export interface NewNotification {
  userId: number;
  kind: NotificationKind;
  vpsId: number | null;
  ruleId?: number | null;
  params: Record<string, unknown>;
  dedupeKey: string;
  /** Shown in the centre (the source's panel channel and the user's preference). */
  panel: boolean;
  /** Mailed (the source's email channel and the user's preference). */
  email: boolean;
  /** Write the row even when neither is wanted (it records that the notice was made). */
  keepRecord?: boolean;
}

export function emailStatusFor(wanted: boolean, emailAvailable: boolean): EmailStatus | null {
  return wanted ? (emailAvailable ? "pending" : "off") : null;
}

/** The dedupe keys of the rows written (a repeat of a dedupe_key is not). */
export async function createNotifications(tx: Tx, items: readonly NewNotification[], opts: { emailAvailable: boolean; now: Date }): Promise<Set<string>> {
  const wanted = items.filter((n) => n.panel || n.email || n.keepRecord);
  if (wanted.length === 0) return new Set();
  const rows = await tx.notification.createManyAndReturn({
    data: wanted.map((n) => {
      const emailStatus = emailStatusFor(n.email, opts.emailAvailable);
      return {
        userId: n.userId,
        kind: n.kind,
        vpsId: n.vpsId,
        ruleId: n.ruleId ?? null,
        params: n.params as Prisma.InputJsonValue,
        dedupeKey: n.dedupeKey,
        inPanel: n.panel,
        createdAt: opts.now,
        emailStatus,
        emailNextAt: emailStatus === "pending" ? opts.now : null,
      };
    }),
    skipDuplicates: true,
    select: { id: true, dedupeKey: true, userId: true, kind: true, vpsId: true, params: true, readAt: true, createdAt: true, inPanel: true },
  });
  for (const r of rows.sort((a, b) => (a.id < b.id ? -1 : 1))) if (r.inPanel) await signalUnread(tx, r.userId, toNotificationView(r));
  return new Set(rows.map((r) => r.dedupeKey));
}
