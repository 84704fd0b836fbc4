// The public shape of a VPS (snake_case, as in the sync contract). Browser-safe.
export const VPS_STATUSES = ["creating", "running", "stopped", "suspended", "error", "deleting"] as const;
export type VpsStatus = (typeof VPS_STATUSES)[number];

export interface VpsView {
  id: number;
  user_id: number;
  name: string;
  status: VpsStatus;
  cpu: number;
  ram: number; // MB
  disk: number; // GB
  os: string;
  hypervisor: string;
  ip_address: string | null;
  order_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface VpsRow {
  id: number;
  userId: number;
  name: string;
  status: VpsStatus;
  cpu: number;
  ramMb: number;
  diskGb: number;
  os: string;
  hypervisor: string;
  ipAddress: string | null;
  orderId: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toVpsView(v: VpsRow): VpsView {
  return {
    id: v.id,
    user_id: v.userId,
    name: v.name,
    status: v.status,
    cpu: v.cpu,
    ram: v.ramMb,
    disk: v.diskGb,
    os: v.os,
    hypervisor: v.hypervisor,
    ip_address: v.ipAddress,
    order_id: v.orderId,
    created_at: v.createdAt.toISOString(),
    updated_at: v.updatedAt.toISOString(),
  };
}
