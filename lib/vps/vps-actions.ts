// Actions a client may request on a VPS: the request's row → view. The rules the UI shares
// live in vps-action-rules.ts (zod-free); the input schemas in ./schemas.ts.
import type { VpsActionName, VpsActionRequestView } from "./vps-action-rules";

export * from "./vps-action-rules";
export { vpsActionInputSchema, vpsNameSchema, type VpsActionInput } from "./schemas";

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
