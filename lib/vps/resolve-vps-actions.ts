// Runs inside updateVps's transaction (the main site's confirmation through the sync API):
// pending client requests whose effect the change reaches are completed, power requests
// the new state makes impossible are failed, each with a `vps.action_resolved` event.
//   start  → completed when the VPS is running
//   stop   → completed when the VPS is stopped
//   reboot → completed by an update that sets status running (a change back to running, or
//            an explicit `status: running` the main site sends once the reboot is done)
//   rename → completed when the name equals the requested one
//   resume → completed when the VPS leaves `suspended` for running or stopped
//   resize → completed when cpu, ram and disk all equal the requested ones
//   suspend → completed by an update that says `status: suspended`
// Other §9 actions end only with the main site's report (./actions/report.ts); a terminate
// also ends with a sync delete (../vps/delete-vps.ts).
import type { Prisma } from "../db";
import { recordEvent } from "../events/record-event";
import { toActionRequestView } from "./vps-actions";
import type { VpsStatus, VpsView } from "./view";

type Tx = Pick<Prisma.TransactionClient, "vpsActionRequest" | "domainEvent" | "$executeRaw">;

const DEAD_END: VpsStatus[] = ["error", "suspended", "deleting"];
const POWER: string[] = ["start", "stop", "reboot"];

export interface VpsChange {
  /** The status before the update. */
  previousStatus: VpsStatus;
  /** The VPS after the update, as the update's statement built it. */
  vps: VpsView;
  /** The update carried a `status`, even one equal to the current status. */
  statusInUpdate: boolean;
}

export async function resolveVpsActions(tx: Tx, { previousStatus, vps, statusInUpdate }: VpsChange): Promise<number> {
  const after = { id: vps.id, userId: vps.user_id, name: vps.name, status: vps.status };
  const pending = await tx.vpsActionRequest.findMany({
    where: { vpsId: after.id, status: { in: ["pending", "in_progress"] }, action: { in: ["start", "stop", "reboot", "rename", "resume", "resize", "suspend"] } },
    orderBy: { id: "asc" },
  });
  let resolved = 0;
  for (const r of pending) {
    const params = (r.params ?? {}) as { name?: string; cpu?: number; ram?: number; disk?: number };
    let outcome: "completed" | "failed" | null = null;
    if (r.action === "start" && after.status === "running") outcome = "completed";
    else if (r.action === "stop" && after.status === "stopped") outcome = "completed";
    else if (r.action === "reboot" && statusInUpdate && after.status === "running") outcome = "completed";
    else if (r.action === "rename" && after.name === params.name) outcome = "completed";
    else if (r.action === "resume" && previousStatus === "suspended" && (after.status === "running" || after.status === "stopped")) outcome = "completed";
    else if (r.action === "resize" && vps.cpu === params.cpu && vps.ram === params.ram && vps.disk === params.disk) outcome = "completed";
    else if (r.action === "suspend" && statusInUpdate && after.status === "suspended") outcome = "completed";
    else if (POWER.includes(r.action) && after.status !== previousStatus && DEAD_END.includes(after.status)) outcome = "failed";
    if (!outcome) continue;

    const done = await tx.vpsActionRequest.update({
      where: { id: r.id },
      data: { status: outcome, resolvedAt: new Date(), ...(outcome === "completed" ? { progress: 100 } : { message: `The VPS became ${after.status}` }) },
    });
    await recordEvent(tx, {
      type: "vps.action_resolved",
      userId: after.userId,
      vpsId: after.id,
      payload: {
        request_id: r.id,
        action: r.action,
        params: r.params as Record<string, unknown>,
        status: outcome,
        ...(outcome === "failed" ? { reason: `status:${after.status}` } : {}),
        request: toActionRequestView(done),
        vps,
      },
    });
    resolved++;
  }
  return resolved;
}
