// The public shape of an order (a provisioning task). Browser-safe: no server imports.
import type { VpsStatus } from "../vps/view";

export const ORDER_STATUSES = ["in_progress", "finished", "error", "cancelled"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface OrderPlanView {
  id: number;
  code: string;
  name: string;
  cpu: number;
  ram: number; // MB
  disk: number; // GB
}

export interface OrderView {
  id: number;
  user_id: number;
  status: OrderStatus;
  os: string;
  source: string;
  error_message: string | null;
  plan: OrderPlanView;
  /** The VPS the main site created for this order, once it exists. */
  vps: { id: number; name: string; status: VpsStatus; ip_address: string | null } | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface OrderRow {
  id: number;
  userId: number;
  status: OrderStatus;
  os: string;
  source: string;
  errorMessage: string | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
  plan: { id: number; code: string; name: string; cpu: number; ramMb: number; diskGb: number };
  vps: { id: number; name: string; status: VpsStatus; ipAddress: string | null; deletedAt: Date | null } | null;
}

/** The relations toOrderView needs, for Prisma's `select`/`include`. */
export const ORDER_INCLUDE = {
  plan: { select: { id: true, code: true, name: true, cpu: true, ramMb: true, diskGb: true } },
  vps: { select: { id: true, name: true, status: true, ipAddress: true, deletedAt: true } },
} as const;

export function toOrderView(o: OrderRow): OrderView {
  const p = o.plan;
  return {
    id: o.id,
    user_id: o.userId,
    status: o.status,
    os: o.os,
    source: o.source,
    error_message: o.errorMessage,
    plan: { id: p.id, code: p.code, name: p.name, cpu: p.cpu, ram: p.ramMb, disk: p.diskGb },
    vps: o.vps && !o.vps.deletedAt ? { id: o.vps.id, name: o.vps.name, status: o.vps.status, ip_address: o.vps.ipAddress } : null,
    created_at: o.createdAt.toISOString(),
    updated_at: o.updatedAt.toISOString(),
    finished_at: o.finishedAt?.toISOString() ?? null,
  };
}

/** A client may cancel an order nobody has started: in progress and no VPS registered for it yet. */
export function orderCancellable(o: Pick<OrderView, "status" | "vps">): boolean {
  return o.status === "in_progress" && o.vps === null;
}

/** Where an order is on its way to a running VPS, for progress displays (0..3). */
export function orderStep(o: OrderView): number {
  if (o.status === "finished") return 3;
  if (!o.vps) return 1;
  return o.vps.status === "running" ? 2.5 : 2;
}
