// Moves an order to another status and records `order.status_changed`, inside the caller's
// transaction (the caller holds the order's row lock). Only from in_progress, except an
// admin's retry (error → in_progress, lib/orders/retry-order.ts).
import { recordEvent } from "../events/record-event";
import type { Tx } from "./tx";
import { ORDER_INCLUDE, toOrderView, type OrderStatus, type OrderView } from "./view";

export async function lockOrder(tx: Tx, id: number) {
  await tx.$queryRaw`SELECT id FROM orders WHERE id = ${id} FOR UPDATE`;
  return tx.order.findUnique({ where: { id }, include: ORDER_INCLUDE });
}

export async function changeOrderStatus(
  tx: Tx,
  id: number,
  status: "finished" | "error" | "cancelled" | "in_progress",
  errorMessage: string | null = null,
  previousStatus: OrderStatus = "in_progress",
): Promise<OrderView> {
  const row = await tx.order.update({
    where: { id },
    data: { status, errorMessage, finishedAt: status === "in_progress" ? null : new Date() },
    include: ORDER_INCLUDE,
  });
  const view = toOrderView(row);
  await recordEvent(tx, {
    type: "order.status_changed",
    userId: row.userId,
    vpsId: view.vps?.id ?? null,
    payload: {
      order_id: row.id,
      user_id: row.userId,
      status,
      previous_status: previousStatus,
      error_message: errorMessage,
      vps_id: view.vps?.id ?? null,
      order: view,
    },
  });
  return view;
}
