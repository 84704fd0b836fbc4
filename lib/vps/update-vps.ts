// Applies a change to a VPS and records `vps.status_changed` and/or `vps.updated`
// in the same transaction. The row is locked so concurrent updates serialise.
import type { Db } from "../db";
import { notFound } from "../errors";
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
}

export async function updateVps(db: Db, id: number, changes: UpdateVpsInput): Promise<VpsView> {
  const result = await db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM vps WHERE id = ${id} AND deleted_at IS NULL FOR UPDATE`;
    if (locked.length === 0) throw notFound(`VPS ${id} not found`);
    const before = await tx.vps.findUniqueOrThrow({ where: { id } });
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
        payload: { vps: view, changed: others },
      });
    }
    // Client action requests (start/stop/reboot/rename) this change confirms are resolved here.
    await resolveVpsActions(tx, { before, after: row, statusInUpdate: changes.status !== undefined });
    return view;
  });
  wakeRelay();
  return result;
}
