// Applies a change to a VPS and records `vps.status_changed` and/or `vps.updated`
// in the same transaction. The row is locked so concurrent updates serialise.
import type { Db } from "../db";
import { AppError, notFound } from "../errors";
import { wakeRelay } from "../events/bus";
import { recordEvent } from "../events/record-event";
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

interface LockedRow {
  user_id: number;
  name: string;
  status: VpsStatus;
  cpu: number;
  ram_mb: number;
  disk_gb: number;
  os: string;
  hypervisor: string;
  ip_address: string | null;
  root_password_enc: string | null;
  order_id: number | null;
}

export async function updateVps(db: Db, id: number, changes: UpdateVpsInput): Promise<VpsView> {
  const result = await db.$transaction(async (tx) => {
    // Lock and read in one round trip (the sync API's hot path).
    const [raw] = await tx.$queryRaw<LockedRow[]>`
      SELECT user_id, name, status::text AS status, cpu, ram_mb, disk_gb, os, hypervisor, ip_address, root_password_enc, order_id
        FROM vps WHERE id = ${id} AND deleted_at IS NULL FOR UPDATE`;
    if (!raw) throw notFound(`VPS ${id} not found`);
    const before: Record<keyof UpdateVpsInput, unknown> & { userId: number } = {
      userId: raw.user_id,
      name: raw.name,
      status: raw.status,
      cpu: raw.cpu,
      ramMb: raw.ram_mb,
      diskGb: raw.disk_gb,
      os: raw.os,
      hypervisor: raw.hypervisor,
      ipAddress: raw.ip_address,
      rootPasswordEnc: raw.root_password_enc,
      orderId: raw.order_id,
    };
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
    return view;
  });
  wakeRelay();
  return result;
}
