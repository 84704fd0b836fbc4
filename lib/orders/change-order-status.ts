// Moves an in-progress order to finished or error and records `order.status_changed`,
// inside the caller's transaction (the caller holds the order's row lock).
import { recordEvent } from "../events/record-event";
import type { Tx } from "./tx";
import { ORDER_INCLUDE, toOrderView, type OrderView } from "./view";

export async function lockOrder(tx: Tx, id: number) {
  await tx.$queryRaw`SELECT id FROM orders WHERE id = ${id} FOR UPDATE`;
  return tx.order.findUnique({ where: { id }, include: ORDER_INCLUDE });
}

export async function changeOrderStatus(
  tx: Tx,
  id: number,
  status: "finished" | "error",
  errorMessage: string | null = null,
): Promise<OrderView> {
  const row = await tx.order.update({
    where: { id },
    data: { status, errorMessage, finishedAt: new Date() },
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
      previous_status: "in_progress",
      error_message: errorMessage,
      vps_id: view.vps?.id ?? null,
      order: view,
    },
  });
  return view;
}
