// A client cancels an order nobody has started yet (in progress, no VPS registered for it).
// `order.status_changed` (status cancelled) tells the main site by webhook and the client's
// sockets; a sync `create` naming the order afterwards is refused (409, advance-order.ts).
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import { recordAudit } from "../audit/record-audit";
import type { Db } from "../db";
import { conflict, notFound } from "../errors";
import { wakeRelay } from "../events/bus";
import type { Actor } from "../users/actor";
import { changeOrderStatus, lockOrder } from "./change-order-status";
import { toOrderView, type OrderView } from "./view";

export const CANCELLED_BY_CLIENT = "Cancelled by the client";

export async function cancelOrder(db: Db, actor: Actor, id: number, audit: AuditContext = SYSTEM_AUDIT): Promise<OrderView> {
  let changed = false;
  const view = await db.$transaction(async (tx) => {
    const order = await lockOrder(tx, id);
    // Own orders only, whatever the role: another client's order does not exist for this caller.
    if (!order || order.userId !== actor.userId) throw notFound(`Order ${id} not found`);
    // Cancelling twice is a retry, not an error.
    if (order.status === "cancelled") return toOrderView(order);
    if (order.status !== "in_progress") throw conflict(`Order ${id} is already ${order.status} and can no longer be cancelled`);
    if (order.vps)
      throw conflict(`Order ${id} is already being fulfilled (VPS ${order.vps.id} is being built) and can no longer be cancelled`);
    changed = true;
    await recordAudit(tx, audit, { action: "order.cancelled", targetType: "order", targetId: id, details: {} });
    return changeOrderStatus(tx, id, "cancelled", CANCELLED_BY_CLIENT);
  });
  if (changed) wakeRelay();
  return view;
}
