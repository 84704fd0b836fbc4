// Keeps a provisioning task in step with the VPS the main site builds for it. Called from
// inside the VPS create/update transactions (lib/vps/create-vps.ts, update-vps.ts):
// - assertOrderLinkable: a sync `create` or `update` with `order_id` must name an open order
//   of the same client that has no VPS yet (or, for an update, is already this VPS's);
// - advanceOrder: the order finishes once its VPS is running with an IP address and a root
//   password, and fails if the VPS goes to `error` or is deleted first.
import { AppError } from "../errors";
import { changeOrderStatus, lockOrder } from "./change-order-status";
import type { Tx } from "./tx";

export async function assertOrderLinkable(
  tx: Tx,
  orderId: number | null | undefined,
  userId: number,
  opts: {
    /** A retried sync create carries the first one's fingerprint: let it reach the unique
     *  index, where the sync API answers with the VPS already made. */
    createFingerprint?: string;
    /** An update of this VPS: an order already linked to it stays linkable. */
    vpsId?: number;
  } = {},
): Promise<void> {
  if (orderId === null || orderId === undefined) return;
  const { createFingerprint, vpsId } = opts;
  const order = await lockOrder(tx, orderId);
  if (!order) throw new AppError(422, `Unknown order_id ${orderId}`);
  if (order.userId !== userId) throw new AppError(422, `order_id ${orderId} belongs to another user`);
  if (order.vps && vpsId !== undefined && order.vps.id === vpsId) return;
  if (order.vps) {
    const linked = await tx.vps.findUnique({ where: { id: order.vps.id }, select: { createFingerprint: true } });
    if (createFingerprint && linked?.createFingerprint === createFingerprint) return;
    throw new AppError(409, `order_id ${orderId} is already linked to VPS ${order.vps.id}`);
  }
  if (order.status !== "in_progress") throw new AppError(409, `order_id ${orderId} is already ${order.status}`);
}

export async function advanceOrder(tx: Tx, vpsId: number): Promise<void> {
  const vps = await tx.vps.findUnique({
    where: { id: vpsId },
    select: { orderId: true, status: true, ipAddress: true, rootPasswordEnc: true, deletedAt: true },
  });
  if (!vps?.orderId) return;
  const order = await lockOrder(tx, vps.orderId);
  if (!order || order.status !== "in_progress") return;
  if (vps.deletedAt) {
    await changeOrderStatus(tx, order.id, "error", "The VPS was deleted before it was ready");
  } else if (vps.status === "error") {
    await changeOrderStatus(tx, order.id, "error", "The VPS could not be built (status error)");
  } else if (vps.status === "running" && vps.ipAddress && vps.rootPasswordEnc) {
    await changeOrderStatus(tx, order.id, "finished");
  }
}
