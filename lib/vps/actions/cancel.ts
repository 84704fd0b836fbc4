// DELETE /api/vps/{id}/actions/{request_id}: the owner (or an admin) withdraws a request
// the main site has not started (pending only; in_progress → 409).
import { SYSTEM_AUDIT, type AuditContext } from "../../audit/context";
import { recordAudit } from "../../audit/record-audit";
import type { Db } from "../../db";
import { conflict, notFound } from "../../errors";
import { wakeRelay } from "../../events/bus";
import type { Actor } from "../../users/actor";
import { readsEveryVps } from "../access";
import { toActionRequestView, type VpsActionRequestView } from "../vps-actions";
import { toVpsView } from "../view";
import { ACTIONS } from "./catalogue";
import { recordActionEvent } from "./events";
import { transition } from "./lifecycle";

export async function cancelAction(db: Db, actor: Actor, vpsId: number, requestId: number, audit: AuditContext = SYSTEM_AUDIT): Promise<VpsActionRequestView> {
  const out = await db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: number }[]>`
      SELECT r.id FROM vps_action_requests r JOIN vps v ON v.id = r.vps_id
       WHERE r.id = ${requestId} AND r.vps_id = ${vpsId} AND v.deleted_at IS NULL
         AND (v.user_id = ${actor.userId} OR ${readsEveryVps(actor)})
       FOR UPDATE OF r`;
    if (locked.length === 0) throw notFound("Action request not found");
    const current = await tx.vpsActionRequest.findUniqueOrThrow({ where: { id: requestId }, include: { vps: true } });
    if (ACTIONS[current.action].origin === "machine" && actor.role !== "admin") throw notFound("Action request not found");
    const step = transition(current.status, { kind: "cancel" });
    if (step.kind !== "apply") throw conflict(step.kind === "conflict" ? step.reason : "The request has already ended");
    const row = await tx.vpsActionRequest.update({ where: { id: requestId }, data: { status: "cancelled", resolvedAt: new Date(), message: "Cancelled by the user" } });
    await recordActionEvent(tx, "vps.action_resolved", row, toVpsView(current.vps), { reason: "cancelled", cancelled_by: { id: actor.userId, role: actor.role } });
    await recordAudit(tx, audit, { action: "vps.action_cancelled", targetType: "vps", targetId: vpsId, details: { action: row.action, request_id: row.id } });
    return toActionRequestView(row);
  });
  wakeRelay();
  return out;
}

/** GET /api/vps/{id}/actions: newest first, for the timeline. */
export async function listActions(db: Db, actor: Actor, vpsId: number, limit = 50): Promise<VpsActionRequestView[]> {
  const vps = await db.vps.findFirst({
    where: { id: vpsId, deletedAt: null, ...(readsEveryVps(actor) ? {} : { userId: actor.userId }) },
    select: { id: true },
  });
  if (!vps) throw notFound("VPS not found");
  const rows = await db.vpsActionRequest.findMany({ where: { vpsId }, orderBy: { id: "desc" }, take: limit });
  return rows.map(toActionRequestView);
}
