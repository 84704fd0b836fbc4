// Notifications' wire shape and kinds (PRODUCT.md §11, ALERTS-CONTRACT.md). Browser-safe.
import { z } from "zod";
export const NOTIFICATION_KINDS = ["alert.fired", "alert.resolved", "traffic.80", "traffic.100"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The socket.io event a user's sockets get when their notification centre changes. */
export const NOTIFICATION_EVENT = "notification";

/** email_status values: null = no email wanted; the mail worker moves "pending" on. */
export type EmailStatus = "pending" | "sending" | "sent" | "failed" | "off";

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  vps_id: number | null;
  params: Record<string, unknown>;
  read_at: string | null;
  created_at: string;
}

/** Payload of the socket.io `notification` event. */
export interface NotificationMessage {
  unread: number;
  notification?: NotificationView;
}

// Requests of the notification centre and the preferences (app/api/notifications,
// app/api/account/notifications).
export const NOTIFICATIONS_PAGE_MAX = 100;

const notificationId = z
  .union([z.string().regex(/^[1-9]\d{0,18}$/), z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)], { message: "ids must be notification ids" })
  .transform((v) => BigInt(v));

export const listNotificationsQuery = z.object({
  /** The last id of the previous page: the next page holds older notifications. */
  cursor: z.string().regex(/^[1-9]\d{0,18}$/, "cursor must be a notification id").transform(BigInt).optional(),
  limit: z.coerce.number().int().min(1).max(NOTIFICATIONS_PAGE_MAX).default(20),
});

export const markReadBody = z.union(
  [
    z.strictObject({ ids: z.array(notificationId).min(1, "ids must name at least one notification").max(500, "at most 500 ids at once") }),
    z.strictObject({ all: z.literal(true) }),
  ],
  { message: 'send {"ids":[…]} or {"all":true}' },
);
export type MarkReadInput = z.output<typeof markReadBody>;

export const preferencesBody = z.strictObject({ panel: z.boolean(), email: z.boolean() });
export type PreferencesInput = z.output<typeof preferencesBody>;

/** GET /api/notifications. */
export interface NotificationList {
  notifications: NotificationView[];
  unread: number;
  next_cursor: string | null;
}

/** GET/PUT /api/account/notifications. */
export interface NotificationPreferences {
  panel: boolean;
  email: boolean;
  /** SMTP_URL is set: email can be sent at all. */
  email_available: boolean;
}
