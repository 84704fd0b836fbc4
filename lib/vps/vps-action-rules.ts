// Actions a client may request on a VPS and when each makes sense. Browser-safe and
// zod-free (the VPS page's bundle carries it): the UI disables buttons with the same rules
// the service enforces.
import type { ActionStatus, ActionType } from "./actions/catalogue";
import type { VpsStatus } from "./view";

/** The actions the VPS page's buttons ask for; the whole §9 catalogue is in ./actions/catalogue.ts. */
export const VPS_ACTIONS = ["start", "stop", "reboot", "rename"] as const;
export type VpsActionName = ActionType;

/** Hostname-like: letters, digits, '-', '_' and '.', starting and ending with a letter or digit. */
export const VPS_NAME_RE = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/;
export const VPS_NAME_MAX = 63;

/** The status a power action needs; rename works in any state but `deleting`. */
export const REQUIRED_STATUS: Record<Exclude<(typeof VPS_ACTIONS)[number], "rename">, VpsStatus> = {
  start: "stopped",
  stop: "running",
  reboot: "running",
};

export function actionAllowedInStatus(action: (typeof VPS_ACTIONS)[number], status: VpsStatus): boolean {
  if (action === "rename") return status !== "deleting" && status !== "suspended";
  return REQUIRED_STATUS[action] === status;
}

/** A request as the owner's UI and the API see it. */
export interface VpsActionRequestView {
  id: number;
  vps_id: number;
  action: VpsActionName;
  params: Record<string, unknown>;
  status: ActionStatus;
  /** 0..100 as the main site reported it; null before any report. */
  progress: number | null;
  message: string | null;
  /** The non-secret part of a completed request's result (root_password, vnc are never here). */
  result: Record<string, unknown> | null;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
  /** A secret part of the result (a new root_password, a console's vnc) is stored: `sealed`
   *  until the owner reveals it once, then `revealed`; null when there is none. */
  secret_result?: "sealed" | "revealed" | null;
}
