// Actions a client may request on a VPS and when each makes sense. Browser-safe and
// zod-free (the VPS page's bundle carries it): the UI disables buttons with the same rules
// the service enforces.
import type { VpsStatus } from "./view";

export const VPS_ACTIONS = ["start", "stop", "reboot", "rename"] as const;
export type VpsActionName = (typeof VPS_ACTIONS)[number];

/** Hostname-like: letters, digits, '-', '_' and '.', starting and ending with a letter or digit. */
export const VPS_NAME_RE = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/;
export const VPS_NAME_MAX = 63;

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
