// An administrator sends a failed order back to the main site: error → in_progress, the
// reason cleared, `order.status_changed` (previous_status error) and a fresh `order.created`
// so the main site builds it as if it were new. Only an order no VPS was ever registered
// for (a linked VPS, even deleted, keeps the order tied to it: order it again instead).
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import { recordAudit } from "../audit/record-audit";
import type { Db } from "../db";
import { conflict, notFound } from "../errors";
import { wakeRelay } from "../events/bus";
import { recordEvent } from "../events/record-event";
import { changeOrderStatus, lockOrder } from "./change-order-status";
import type { OrderView } from "./view";

/** Why an order cannot be retried, or null when it can (browser-safe reasons for the UI). */
export function retryBlocker(o: Pick<OrderView, "status"> & { hasVps: boolean }): "not_failed" | "has_vps" | null {
  if (o.status !== "error") return "not_failed";
  if (o.hasVps) return "has_vps";
  return null;
}

export async function retryOrder(db: Db, id: number, audit: AuditContext = SYSTEM_AUDIT): Promise<OrderView> {
  const view = await db.$transaction(async (tx) => {
    const order = await lockOrder(tx, id);
    if (!order) throw notFound(`Order ${id} not found`);
    const blocker = retryBlocker({ status: order.status, hasVps: order.vps !== null });
    if (blocker === "not_failed") throw conflict(`Order ${id} is ${order.status}: only a failed order can be retried`);
    if (blocker === "has_vps") throw conflict(`Order ${id} was linked to VPS ${order.vps?.id}: it cannot be retried, place a new order`);
    await recordAudit(tx, audit, { action: "order.retried", targetType: "order", targetId: id, details: { previous_reason: order.errorMessage } });
    const v = await changeOrderStatus(tx, id, "in_progress", null, "error");
    const plan = order.plan;
    await recordEvent(tx, {
      type: "order.created",
      userId: order.userId,
      payload: {
        order_id: id,
        user_id: order.userId,
        status: "in_progress",
        os: order.os,
        source: order.source,
        plan: { id: plan.id, code: plan.code, name: plan.name, cpu: plan.cpu, ram: plan.ramMb, disk: plan.diskGb },
        vps_name: `${plan.code}-${id}`,
        created_at: v.created_at,
        retry: true,
        order: v,
      },
    });
    return v;
  });
  wakeRelay();
  return view;
}
