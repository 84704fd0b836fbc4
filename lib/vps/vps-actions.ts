// Actions a client may request on a VPS: the input schemas (zod, server side) and the
// request's row → view. The rules the UI shares live in vps-action-rules.ts (zod-free).
import { z } from "zod";
import { VPS_NAME_MAX, VPS_NAME_RE, type VpsActionName, type VpsActionRequestView } from "./vps-action-rules";

export * from "./vps-action-rules";

export const vpsNameSchema = z
  .string()
  .trim()
  .min(1, "name is required")
  .max(VPS_NAME_MAX, `name must be at most ${VPS_NAME_MAX} characters`)
  .regex(VPS_NAME_RE, "name may contain letters, digits, '-', '_' and '.', and must start and end with a letter or digit");

export const vpsActionInputSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("start") }),
  z.object({ action: z.literal("stop") }),
  z.object({ action: z.literal("reboot") }),
  z.object({ action: z.literal("rename"), name: vpsNameSchema }),
]);
export type VpsActionInput = z.infer<typeof vpsActionInputSchema>;

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
