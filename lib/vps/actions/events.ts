// The events of a request's lifecycle (docs/events.md): every transition is one, to the
// VPS owner, admins, /ws and webhooks, carrying the request view and the VPS.
import type { Prisma } from "../../db";
import { recordEvent } from "../../events/record-event";
import { toActionRequestView, type VpsActionRequestRow } from "../vps-actions";
import type { VpsView } from "../view";

export type Tx = Pick<Prisma.TransactionClient, "vpsActionRequest" | "domainEvent" | "$executeRaw">;

export async function recordActionEvent(
  tx: Tx,
  type: "vps.action_requested" | "vps.action_progress" | "vps.action_resolved",
  row: VpsActionRequestRow,
  vps: VpsView,
  extra: Record<string, unknown> = {},
) {
  const request = toActionRequestView(row);
  await recordEvent(tx, {
    type,
    userId: vps.user_id,
    vpsId: vps.id,
    payload: { request_id: row.id, action: row.action, params: request.params, status: row.status, ...extra, request, vps },
  });
}
