// The main site gives up on an order (out of stock, payment reversed, build failed):
// the task ends in `error` with the reason the client and the Bitrix plugin will see.
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import { recordAudit } from "../audit/record-audit";
import type { Db } from "../db";
import { conflict, notFound } from "../errors";
import { wakeRelay } from "../events/bus";
import { changeOrderStatus, lockOrder } from "./change-order-status";
import { toOrderView, type OrderView } from "./view";

export async function failOrder(db: Db, id: number, reason: string, audit: AuditContext = SYSTEM_AUDIT): Promise<OrderView> {
  let changed = false;
  const view = await db.$transaction(async (tx) => {
    const order = await lockOrder(tx, id);
    if (!order) throw notFound(`Order ${id} not found`);
    if (order.status === "finished") throw conflict(`Order ${id} is already finished`);
    if (order.status === "cancelled") throw conflict(`Order ${id} was cancelled by the client`);
    // Failing twice is a retry, not an error: the first reason stands.
    if (order.status === "error") return toOrderView(order);
    changed = true;
    await recordAudit(tx, audit, { action: "order.failed", targetType: "order", targetId: id, details: { reason } });
    return changeOrderStatus(tx, id, "error", reason);
  });
  if (changed) wakeRelay();
  return view;
}
