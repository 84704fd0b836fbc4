// Audit row → wire shape.
import type { AuditEntryView } from "./schemas";

export interface AuditRow {
  id: bigint;
  createdAt: Date;
  actorType: AuditEntryView["actor"]["type"];
  actorUserId: number | null;
  actorTokenId: number | null;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  clientAddress: string | null;
  requestId: string | null;
  details: unknown;
}

export function toAuditEntryView(r: AuditRow): AuditEntryView {
  return {
    id: String(r.id),
    created_at: r.createdAt.toISOString(),
    actor: { type: r.actorType, user_id: r.actorUserId, token_id: r.actorTokenId, label: r.actorLabel },
    action: r.action,
    target: { type: r.targetType, id: r.targetId },
    client_address: r.clientAddress,
    request_id: r.requestId,
    details: (r.details ?? {}) as Record<string, unknown>,
  };
}
