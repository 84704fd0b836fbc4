// Applies a change to a VPS and records `vps.status_changed` and/or `vps.updated`
// in the same transaction. The row is locked so concurrent updates serialise.
import type { Db } from "../db";
import { AppError, notFound } from "../errors";
import { wakeRelay } from "../events/bus";
import { recordEvent } from "../events/record-event";
import { resolveVpsActions } from "./resolve-vps-actions";
import { toVpsView, type VpsStatus, type VpsView } from "./view";

export interface UpdateVpsInput {
  name?: string;
  status?: VpsStatus;
  cpu?: number;
  ramMb?: number;
  diskGb?: number;
  os?: string;
  hypervisor?: string;
  ipAddress?: string | null;
  /** Already encrypted (lib/crypto/secret-box.ts); null clears it. */
  rootPasswordEnc?: string | null;
  orderId?: number | null;
}

/** Field names as the sync contract and events spell them. */
const PUBLIC_NAME: Record<keyof UpdateVpsInput, string> = {
  name: "name",
  status: "status",
  cpu: "cpu",
  ramMb: "ram",
  diskGb: "disk",
  os: "os",
  hypervisor: "hypervisor",
  ipAddress: "ip_address",
  rootPasswordEnc: "root_password",
  orderId: "order_id",
};

export async function updateVps(db: Db, id: number, changes: UpdateVpsInput): Promise<VpsView> {
  const result = await db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM vps WHERE id = ${id} AND deleted_at IS NULL FOR UPDATE`;
    if (locked.length === 0) throw notFound(`VPS ${id} not found`);
    const before = await tx.vps.findUniqueOrThrow({ where: { id }, omit: { rootPasswordEnc: false } });
    if (changes.orderId && changes.orderId !== before.orderId) {
      const order = await tx.order.findUnique({ where: { id: changes.orderId }, select: { userId: true, vps: { select: { id: true } } } });
      if (!order) throw new AppError(422, `Unknown order_id ${changes.orderId}`);
      if (order.userId !== before.userId) throw new AppError(422, `order_id ${changes.orderId} belongs to another user`);
      if (order.vps) throw new AppError(409, `order_id ${changes.orderId} is already linked to VPS ${order.vps.id}`);
    }
    const row = await tx.vps.update({ where: { id }, data: changes });
    const view = toVpsView(row);
    const changed = (Object.keys(changes) as (keyof UpdateVpsInput)[]).filter(
      (k) => changes[k] !== undefined && changes[k] !== before[k],
    );
    if (changed.includes("status")) {
      await recordEvent(tx, {
        type: "vps.status_changed",
        userId: row.userId,
        vpsId: row.id,
        payload: { vps: view, previous_status: before.status },
      });
    }
    const others = changed.filter((k) => k !== "status");
    if (others.length > 0) {
      await recordEvent(tx, {
        type: "vps.updated",
        userId: row.userId,
        vpsId: row.id,
        payload: { vps: view, changed: others.map((k) => PUBLIC_NAME[k]) },
      });
    }
    // Client action requests (start/stop/reboot/rename) this change confirms are resolved here.
    await resolveVpsActions(tx, { before, after: row, statusInUpdate: changes.status !== undefined });
    return view;
  });
  wakeRelay();
  return result;
}
