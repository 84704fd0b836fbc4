// The request lifecycle as one pure function (PRODUCT.md §9):
//   pending ─► in_progress ─► completed | failed
//      │            │
//      ├─► cancelled (owner/admin, pending only)
//      └────────────┴─► expired (not finished in time)
// A report of the same final state again is a no-op (HTTP 200); any other change after
// the end is a conflict (409).
import { isFinal, type ActionStatus } from "./catalogue";

export type Transition =
  | { kind: "report"; status: "in_progress" | "completed" | "failed" }
  | { kind: "cancel" }
  | { kind: "expire" };

export type Outcome =
  | { kind: "apply"; status: ActionStatus; final: boolean }
  | { kind: "noop" }
  | { kind: "conflict"; reason: string };

export function transition(current: ActionStatus, t: Transition): Outcome {
  const target: ActionStatus = t.kind === "report" ? t.status : t.kind === "cancel" ? "cancelled" : "expired";
  if (isFinal(current)) {
    if (t.kind === "report" && current === target) return { kind: "noop" };
    return { kind: "conflict", reason: `The request has already ended (${current})` };
  }
  if (t.kind === "cancel" && current !== "pending")
    return { kind: "conflict", reason: "Only a pending request can be cancelled; the main site is already working on it" };
  return { kind: "apply", status: target, final: isFinal(target) };
}

/** Progress as the view shows it: 0..100, a final completed request at 100. */
export function clampProgress(status: ActionStatus, progress: number | null | undefined): number | null {
  if (status === "completed") return 100;
  if (progress == null) return null;
  return Math.max(0, Math.min(100, Math.round(progress)));
}
