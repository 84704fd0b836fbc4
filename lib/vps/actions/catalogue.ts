// The §9 action catalogue (PRODUCT.md): every action a VPS request may carry, who may ask
// for it and how long the main site has to finish it. Browser-safe and zod-free (the VPS
// page's bundle carries it); the params schemas live in ./params.ts.
import type { VpsStatus } from "../view";

export const ACTION_TYPES = [
  "start",
  "stop",
  "reboot",
  "rename",
  "reinstall",
  "reset_password",
  "set_rdns",
  "snapshot_create",
  "snapshot_restore",
  "snapshot_delete",
  "backup_restore",
  "console",
  "suspend",
  "resume",
  "terminate",
  "resize",
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export const ACTION_STATUSES = ["pending", "in_progress", "completed", "failed", "cancelled", "expired"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const OPEN_STATUSES = ["pending", "in_progress"] as const satisfies readonly ActionStatus[];
export const FINAL_STATUSES = ["completed", "failed", "cancelled", "expired"] as const satisfies readonly ActionStatus[];
export type FinalStatus = (typeof FINAL_STATUSES)[number];

export const isActionType = (v: unknown): v is ActionType => typeof v === "string" && (ACTION_TYPES as readonly string[]).includes(v);
export const isFinal = (s: ActionStatus): s is FinalStatus => (FINAL_STATUSES as readonly string[]).includes(s);

/** `client`: the owner (session or vps:write token) may ask; `machine`: BILLmanager and admins only. */
export type ActionOrigin = "client" | "machine";

export interface ActionSpec {
  origin: ActionOrigin;
  /** `short`: power and rename (30 min by default), `long`: everything else (6 h). */
  ttl: "short" | "long";
  /** The VPS statuses the action makes sense in (checked when it is requested). */
  allowedIn: readonly VpsStatus[];
}

const LIVE: readonly VpsStatus[] = ["running", "stopped"];

export const ACTIONS: Record<ActionType, ActionSpec> = {
  start: { origin: "client", ttl: "short", allowedIn: ["stopped"] },
  stop: { origin: "client", ttl: "short", allowedIn: ["running"] },
  reboot: { origin: "client", ttl: "short", allowedIn: ["running"] },
  rename: { origin: "client", ttl: "short", allowedIn: ["creating", "running", "stopped", "error"] },
  reinstall: { origin: "client", ttl: "long", allowedIn: [...LIVE, "error"] },
  reset_password: { origin: "client", ttl: "long", allowedIn: LIVE },
  set_rdns: { origin: "client", ttl: "long", allowedIn: LIVE },
  snapshot_create: { origin: "client", ttl: "long", allowedIn: LIVE },
  snapshot_restore: { origin: "client", ttl: "long", allowedIn: LIVE },
  snapshot_delete: { origin: "client", ttl: "long", allowedIn: LIVE },
  backup_restore: { origin: "client", ttl: "long", allowedIn: [...LIVE, "error"] },
  console: { origin: "client", ttl: "long", allowedIn: ["running"] },
  // Suspended already: asked again only when the last suspend failed or expired (./machine.ts).
  suspend: { origin: "machine", ttl: "long", allowedIn: ["creating", "running", "stopped", "suspended", "error"] },
  resume: { origin: "machine", ttl: "long", allowedIn: ["suspended"] },
  // `deleting`: a close asked again after the main site failed the first terminate.
  terminate: { origin: "machine", ttl: "long", allowedIn: ["creating", "running", "stopped", "suspended", "error", "deleting"] },
  resize: { origin: "machine", ttl: "long", allowedIn: ["creating", "running", "stopped", "suspended", "error"] },
};

export const SHORT_TTL_MS = 30 * 60_000;
export const LONG_TTL_MS = 6 * 60 * 60_000;

export function actionTtlMs(action: ActionType, ttl = { short: SHORT_TTL_MS, long: LONG_TTL_MS }): number {
  return ttl[ACTIONS[action].ttl];
}

export function actionAllowedIn(action: ActionType, status: VpsStatus): boolean {
  return ACTIONS[action].allowedIn.includes(status);
}

const PAST: Partial<Record<ActionType, string>> = { start: "started", stop: "stopped", reboot: "rebooted", rename: "renamed", reinstall: "reinstalled" };

/** The 409 message for an action the VPS's status does not allow: what it needs, what it is. */
export function describeWrongStatus(action: ActionType, status: VpsStatus): string {
  const allowed = ACTIONS[action].allowedIn;
  const need = allowed.length === 1 ? allowed[0] : `${allowed.slice(0, -1).join(", ")} or ${allowed[allowed.length - 1]}`;
  const verb = PAST[action];
  return verb ? `The VPS can be ${verb} only when it is ${need} (it is ${status})` : `${action} needs the VPS to be ${need} (it is ${status})`;
}
