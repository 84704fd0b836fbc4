// Soft-deletes a VPS (deleted_at), records `vps.deleted` in the same transaction and
// cancels the client's pending action requests. A deleted VPS is gone for every reader
// (404), and its create fingerprint is released so the same VPS may be created again.
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import { recordAudit } from "../audit/record-audit";
import type { Db } from "../db";
import { notFound } from "../errors";
import { wakeRelay } from "../events/bus";
import { recordEvent } from "../events/record-event";
import { advanceOrder } from "../orders/advance-order";
import { toVpsView, type VpsView } from "./view";

export interface DeletedVpsView extends VpsView {
  deleted_at: string;
}

export async function deleteVps(db: Db, id: number, audit: AuditContext = SYSTEM_AUDIT): Promise<DeletedVpsView> {
  const result = await db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM vps WHERE id = ${id} AND deleted_at IS NULL FOR UPDATE`;
    if (locked.length === 0) throw notFound(`VPS ${id} not found`);
    const now = new Date();
    const row = await tx.vps.update({ where: { id }, data: { deletedAt: now, createFingerprint: null } });
    await recordAudit(tx, audit, { action: "vps.deleted", targetType: "vps", targetId: row.id, details: { user_id: row.userId, name: row.name } });
    await tx.vpsActionRequest.updateMany({ where: { vpsId: id, status: { in: ["pending", "in_progress"] } }, data: { status: "cancelled", resolvedAt: now } });
    const view: DeletedVpsView = { ...toVpsView(row), deleted_at: now.toISOString() };
    await recordEvent(tx, { type: "vps.deleted", userId: row.userId, vpsId: row.id, payload: { vps: view } });
    if (row.orderId) await advanceOrder(tx, row.id); // orders: deleted before it was ready fails its order
    return view;
  });
  wakeRelay();
  return result;
}
