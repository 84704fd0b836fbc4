// Creates a VPS for a client and records `vps.created` in the same transaction.
import type { Db } from "../db";
import { AppError } from "../errors";
import { wakeRelay } from "../events/bus";
import { recordEvent } from "../events/record-event";
import { toVpsView, type VpsStatus, type VpsView } from "./view";

export interface CreateVpsInput {
  userId: number;
  name: string;
  cpu: number;
  ramMb: number;
  diskGb: number;
  os: string;
  status?: VpsStatus;
  hypervisor?: string;
  ipAddress?: string | null;
  /** Already encrypted (lib/crypto/secret-box.ts, purpose ROOT_PASSWORD_PURPOSE). */
  rootPasswordEnc?: string | null;
  orderId?: number | null;
  /**
   * Natural key against twins from retried creates (see sync-vps.ts). A live VPS created
   * less than FINGERPRINT_WINDOW_HOURS ago with the same fingerprint makes this insert
   * fail on the unique index; older or deleted holders give the fingerprint up first.
   */
  createFingerprint?: string;
}

export const FINGERPRINT_WINDOW_HOURS = 24;

export async function createVps(db: Db, input: CreateVpsInput): Promise<VpsView> {
  const vps = await db.$transaction(async (tx) => {
    const owner = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true } });
    if (!owner) throw new AppError(422, `Unknown user_id ${input.userId}: create the user first (POST /api/users/sync)`);
    if (input.orderId) {
      const order = await tx.order.findUnique({ where: { id: input.orderId }, select: { userId: true, vps: { select: { id: true } } } });
      if (!order) throw new AppError(422, `Unknown order_id ${input.orderId}`);
      if (order.userId !== input.userId) throw new AppError(422, `order_id ${input.orderId} belongs to another user`);
      if (order.vps) throw new AppError(409, `order_id ${input.orderId} is already linked to VPS ${order.vps.id}`);
    }
    if (input.createFingerprint) {
      await tx.vps.updateMany({
        where: {
          createFingerprint: input.createFingerprint,
          OR: [{ deletedAt: { not: null } }, { createdAt: { lt: new Date(Date.now() - FINGERPRINT_WINDOW_HOURS * 3_600_000) } }],
        },
        data: { createFingerprint: null },
      });
    }
    const row = await tx.vps.create({
      data: {
        userId: input.userId,
        name: input.name,
        cpu: input.cpu,
        ramMb: input.ramMb,
        diskGb: input.diskGb,
        os: input.os,
        status: input.status ?? "creating",
        hypervisor: input.hypervisor ?? "proxmox",
        ipAddress: input.ipAddress ?? null,
        rootPasswordEnc: input.rootPasswordEnc ?? null,
        orderId: input.orderId ?? null,
        createFingerprint: input.createFingerprint ?? null,
      },
    });
    const view = toVpsView(row);
    await recordEvent(tx, { type: "vps.created", userId: row.userId, vpsId: row.id, payload: { vps: view } });
    return view;
  });
  wakeRelay();
  return vps;
}
