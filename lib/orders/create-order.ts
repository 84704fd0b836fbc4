// A client orders an active plan with one of its operating systems. The order (a
// provisioning task) and its `order.created` event — what tells the main site to build the
// VPS — are written in one transaction.
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import { recordAudit } from "../audit/record-audit";
import type { Db } from "../db";
import { AppError, badRequest, notFound } from "../errors";
import { wakeRelay } from "../events/bus";
import { recordEvent } from "../events/record-event";
import type { Actor } from "../users/actor";
import { ORDER_INCLUDE, toOrderView, type OrderView } from "./view";

/** Unfinished orders one client may have at a time (keeps a runaway script in check). */
export const MAX_OPEN_ORDERS = 10;

export interface CreateOrderInput {
  planId: number;
  /** One of the plan's os_choices; defaults to the first. */
  os?: string;
  /** Where the order came from: panel (browser), api (token), bitrix, ... */
  source?: string;
}

export async function createOrder(
  db: Db,
  actor: Actor,
  input: CreateOrderInput,
  audit: AuditContext = SYSTEM_AUDIT,
): Promise<OrderView> {
  const order = await db.$transaction(async (tx) => {
    const plan = await tx.plan.findFirst({ where: { id: input.planId, isActive: true } });
    if (!plan) throw notFound(`Plan ${input.planId} not found or not available for ordering`);
    const wanted = input.os?.trim().toLowerCase();
    const os = wanted === undefined ? plan.osChoices[0] : plan.osChoices.find((c) => c.toLowerCase() === wanted);
    if (!os) throw badRequest(`OS "${input.os}" is not offered with plan ${plan.code}; choose one of: ${plan.osChoices.join(", ")}`);

    // Serialises one client's concurrent orders so the cap below holds.
    await tx.$queryRaw`SELECT id FROM users WHERE id = ${actor.userId} FOR UPDATE`;
    const open = await tx.order.count({ where: { userId: actor.userId, status: "in_progress" } });
    if (open >= MAX_OPEN_ORDERS)
      throw new AppError(429, `Too many orders in progress (${open}); wait until they finish`);

    const row = await tx.order.create({
      data: { userId: actor.userId, planId: plan.id, os, source: input.source ?? "panel" },
      include: ORDER_INCLUDE,
    });
    const view = toOrderView(row);
    await recordEvent(tx, {
      type: "order.created",
      userId: row.userId,
      payload: {
        order_id: row.id,
        user_id: row.userId,
        status: row.status,
        os,
        source: row.source,
        // What the main site needs to build the VPS (RAM in MB, disk in GB, as in sync).
        plan: { id: plan.id, code: plan.code, name: plan.name, cpu: plan.cpu, ram: plan.ramMb, disk: plan.diskGb },
        vps_name: `${plan.code}-${row.id}`,
        created_at: view.created_at,
        order: view,
      },
    });
    await recordAudit(tx, audit, {
      action: "order.created",
      targetType: "order",
      targetId: row.id,
      details: { plan_id: plan.id, plan_code: plan.code, os, source: row.source },
    });
    return view;
  });
  wakeRelay();
  return order;
}
