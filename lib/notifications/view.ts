// A notification row as the centre and the socket event show it (never the mail queue's
// columns).
import type { NotificationKind, NotificationView } from "./schemas";

export interface NotificationRow {
  id: bigint;
  kind: string;
  vpsId: number | null;
  params: unknown;
  readAt: Date | null;
  createdAt: Date;
}

export function toNotificationView(r: NotificationRow): NotificationView {
  return {
    id: r.id.toString(),
    kind: r.kind as NotificationKind,
    vps_id: r.vpsId,
    params: (r.params ?? {}) as Record<string, unknown>,
    read_at: r.readAt?.toISOString() ?? null,
    created_at: r.createdAt.toISOString(),
  };
}
