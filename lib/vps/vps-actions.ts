// Actions a client may request on a VPS: the request's row → view. The rules the UI shares
// live in vps-action-rules.ts (zod-free); the input schemas in ./schemas.ts.
import { clampProgress } from "./actions/lifecycle";
import type { VpsActionName, VpsActionRequestView } from "./vps-action-rules";

export * from "./vps-action-rules";
export { vpsActionInputSchema, vpsNameSchema, type VpsActionInput } from "./schemas";

export interface VpsActionRequestRow {
  id: number;
  vpsId: number;
  action: VpsActionName;
  params: unknown;
  status: VpsActionRequestView["status"];
  progress?: number | null;
  message?: string | null;
  result?: unknown;
  resultSecret?: string | null;
  resultRevealedAt?: Date | null;
  createdAt: Date;
  updatedAt?: Date;
  resolvedAt: Date | null;
}

const asObject = (v: unknown): Record<string, unknown> | null => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

export function toActionRequestView(r: VpsActionRequestRow): VpsActionRequestView {
  return {
    id: r.id,
    vps_id: r.vpsId,
    action: r.action,
    params: asObject(r.params) ?? {},
    status: r.status,
    progress: clampProgress(r.status, r.progress),
    message: r.message ?? null,
    result: asObject(r.result),
    created_at: r.createdAt.toISOString(),
    updated_at: (r.updatedAt ?? r.createdAt).toISOString(),
    resolved_at: r.resolvedAt?.toISOString() ?? null,
    secret_result: r.resultRevealedAt ? "revealed" : r.resultSecret ? "sealed" : null,
  };
}

/**
 * A request the main site has not confirmed within this time stops blocking new ones
 * (it is cancelled when the next request arrives), so a lost confirmation cannot lock a
 * VPS's buttons forever.
 */
export const ACTION_PENDING_TTL_MS = 30 * 60_000;
