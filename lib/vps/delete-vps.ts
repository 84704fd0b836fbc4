// Soft-deletes a VPS (deleted_at), records `vps.deleted` in the same transaction and ends
// its open action requests: a `terminate` (the billing system closing the service) is
// completed by it, anything else is cancelled. A deleted VPS is gone for every reader
// (404), and its create fingerprint is released so the same VPS may be created again.
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import { recordAudit } from "../audit/record-audit";
import type { Db, Prisma } from "../db";
import { notFound } from "../errors";
import { wakeRelay } from "../events/bus";
import { recordEvent } from "../events/record-event";
import { advanceOrder } from "../orders/advance-order";
import { recordActionEvent } from "./actions/events";
import { toVpsView, type VpsView } from "./view";

export interface DeletedVpsView extends VpsView {
  deleted_at: string;
}

/** The deletion inside the caller's transaction (the sync API's delete, a completed terminate). */
export async function deleteVpsInTx(tx: Prisma.TransactionClient, id: number, audit: AuditContext = SYSTEM_AUDIT): Promise<DeletedVpsView> {
  const locked = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM vps WHERE id = ${id} AND deleted_at IS NULL FOR UPDATE`;
  if (locked.length === 0) throw notFound(`VPS ${id} not found`);
  const now = new Date();
  const row = await tx.vps.update({ where: { id }, data: { deletedAt: now, createFingerprint: null } });
  await recordAudit(tx, audit, { action: "vps.deleted", targetType: "vps", targetId: row.id, details: { user_id: row.userId, name: row.name } });
  const view: DeletedVpsView = { ...toVpsView(row), deleted_at: now.toISOString() };
  const terminating = await tx.vpsActionRequest.findMany({ where: { vpsId: id, action: "terminate", status: { in: ["pending", "in_progress"] } }, orderBy: { id: "asc" } });
  for (const r of terminating) {
    const done = await tx.vpsActionRequest.update({ where: { id: r.id }, data: { status: "completed", progress: 100, resolvedAt: now } });
    await recordActionEvent(tx, "vps.action_resolved", done, view);
  }
  await tx.vpsActionRequest.updateMany({ where: { vpsId: id, status: { in: ["pending", "in_progress"] } }, data: { status: "cancelled", resolvedAt: now } });
  await recordEvent(tx, { type: "vps.deleted", userId: row.userId, vpsId: row.id, payload: { vps: view } });
  if (row.orderId) await advanceOrder(tx, row.id); // orders: deleted before it was ready fails its order
  return view;
}

export async function deleteVps(db: Db, id: number, audit: AuditContext = SYSTEM_AUDIT): Promise<DeletedVpsView> {
  const result = await db.$transaction((tx) => deleteVpsInTx(tx, id, audit));
  wakeRelay();
  return result;
}
