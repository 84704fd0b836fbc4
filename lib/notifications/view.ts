// The wire shape of a notification (contract: GET /api/notifications). Browser-safe.
export interface NotificationView {
  /** A bigint id, as a string. */
  id: string;
  kind: string;
  vps_id: number | null;
  params: Record<string, unknown>;
  read_at: string | null;
  created_at: string;
}

export interface NotificationList {
  notifications: NotificationView[];
  unread: number;
  next_cursor: string | null;
}

/** The socket.io event the recipient's room gets when a panel notification is created or read. */
export const NOTIFICATION_EVENT = "notification";
export interface NotificationMessage {
  unread: number;
  notification?: NotificationView;
}

export interface NotificationPreferences {
  panel: boolean;
  email: boolean;
  /** SMTP_URL is set: email can be sent at all. */
  email_available: boolean;
}

export function toNotificationView(n: { id: bigint; kind: string; vpsId: number | null; params: unknown; readAt: Date | null; createdAt: Date }): NotificationView {
  const params = n.params && typeof n.params === "object" && !Array.isArray(n.params) ? (n.params as Record<string, unknown>) : {};
  return { id: n.id.toString(), kind: n.kind, vps_id: n.vpsId, params, read_at: n.readAt?.toISOString() ?? null, created_at: n.createdAt.toISOString() };
}
