// Actions a client may request on a VPS, their input and when each makes sense.
// Browser-safe: the UI disables buttons with the same rules the service enforces.
import type { VpsStatus } from "./view";

export const VPS_ACTIONS = ["start", "stop", "reboot", "rename"] as const;
export type VpsActionName = (typeof VPS_ACTIONS)[number];

// The request schemas live in ./schemas.ts; re-exported for the UI's existing imports.
export { VPS_NAME_MAX, VPS_NAME_RE, vpsActionInputSchema, vpsNameSchema, type VpsActionInput } from "./schemas";

/** The status a power action needs; rename works in any state but `deleting`. */
export const REQUIRED_STATUS: Record<Exclude<VpsActionName, "rename">, VpsStatus> = {
  start: "stopped",
  stop: "running",
  reboot: "running",
};

export function actionAllowedInStatus(action: VpsActionName, status: VpsStatus): boolean {
  if (action === "rename") return status !== "deleting";
  return REQUIRED_STATUS[action] === status;
}

/** A request as the owner's UI and the API see it. */
export interface VpsActionRequestView {
  id: number;
  vps_id: number;
  action: VpsActionName;
  params: { name?: string };
  status: "pending" | "completed" | "failed" | "cancelled";
  created_at: string;
  resolved_at: string | null;
}

export interface VpsActionRequestRow {
  id: number;
  vpsId: number;
  action: VpsActionName;
  params: unknown;
  status: VpsActionRequestView["status"];
  createdAt: Date;
  resolvedAt: Date | null;
}

export function toActionRequestView(r: VpsActionRequestRow): VpsActionRequestView {
  const p = (r.params ?? {}) as { name?: unknown };
  return {
    id: r.id,
    vps_id: r.vpsId,
    action: r.action,
    params: typeof p.name === "string" ? { name: p.name } : {},
    status: r.status,
    created_at: r.createdAt.toISOString(),
    resolved_at: r.resolvedAt?.toISOString() ?? null,
  };
}

/**
 * A request the main site has not confirmed within this time stops blocking new ones
 * (it is cancelled when the next request arrives), so a lost confirmation cannot lock a
 * VPS's buttons forever.
 */
export const ACTION_PENDING_TTL_MS = 30 * 60_000;
