// Notifications' wire shape and kinds (PRODUCT.md §11, ALERTS-CONTRACT.md), without zod:
// the header's bell on every page imports these, and must not bring the schema library
// with it. The request schemas are lib/notifications/schemas.ts.
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
