// Whether the VPS page may offer an action now, and if not, why — the same rules
// requestAction enforces (catalogue.ts), so a disabled button can say its reason instead
// of the server answering 409. Browser-safe, zod-free.
import type { VpsActionRequestView } from "../vps-action-rules";
import type { VpsStatus } from "../view";
import { ACTIONS, actionAllowedIn, type ActionType } from "./catalogue";

export type Unavailable =
  | { reason: "notOwner" }
  | { reason: "deleted" }
  | { reason: "suspended" }
  | { reason: "busy"; action: ActionType; requestId: number }
  | { reason: "status"; status: VpsStatus };

export interface PageFacts {
  status: VpsStatus;
  isOwner: boolean;
  deleted: boolean;
  /** The VPS's open request (pending or in_progress), if any. */
  open: Pick<VpsActionRequestView, "id" | "action"> | null;
}

/** null: the owner may ask for `action` now. */
export function unavailability(action: ActionType, f: PageFacts): Unavailable | null {
  if (f.deleted) return { reason: "deleted" };
  if (!f.isOwner || ACTIONS[action].origin !== "client") return { reason: "notOwner" };
  if (f.open) return { reason: "busy", action: f.open.action, requestId: f.open.id };
  if (f.status === "suspended") return { reason: "suspended" };
  if (!actionAllowedIn(action, f.status)) return { reason: "status", status: f.status };
  return null;
}

/**
 * null: the viewer may ask for a finished request's action again from the timeline. The
 * owner retries client actions (unavailability above); an admin retries the billing actions
 * (suspend, resume, resize, terminate — e.g. a terminate the main site failed, which leaves
 * the VPS `deleting`): they are not held up by another request in flight, only by one of
 * their own kind, as requestAction does.
 */
export function retryUnavailability(action: ActionType, f: PageFacts & { isAdmin: boolean }): Unavailable | null {
  if (ACTIONS[action].origin === "client") return unavailability(action, f);
  if (f.deleted) return { reason: "deleted" };
  if (!f.isAdmin) return { reason: "notOwner" };
  if (f.open?.action === action) return { reason: "busy", action: f.open.action, requestId: f.open.id };
  if (!actionAllowedIn(action, f.status)) return { reason: "status", status: f.status };
  return null;
}

/** The newest terminate, if the main site failed it (or it expired) and the VPS is still `deleting`. */
export function failedTerminate(requests: readonly VpsActionRequestView[], status: VpsStatus): VpsActionRequestView | null {
  if (status !== "deleting") return null;
  const last = requests.filter((r) => r.action === "terminate").reduce<VpsActionRequestView | null>((a, b) => (a && a.id > b.id ? a : b), null);
  return last && (last.status === "failed" || last.status === "expired") ? last : null;
}

/** Open requests first by id: the one that blocks new ones (requestAction takes the oldest). */
export function openRequest(requests: readonly VpsActionRequestView[]): VpsActionRequestView | null {
  const open = requests.filter((r) => r.status === "pending" || r.status === "in_progress");
  return open.length ? open.reduce((a, b) => (a.id < b.id ? a : b)) : null;
}
