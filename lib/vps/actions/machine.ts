// The billing actions of §9 — suspend, resume, resize, terminate — asked by BILLmanager's
// scripts (or an admin) and carried out by the main site. Three rules, all inside the ask's
// (or the report's) transaction with the VPS row locked:
//   1. Idempotent asks: the same action still open is answered with that request; an ask
//      that would change nothing (already suspended, not suspended, same size) creates
//      none and says so (`already`).
//   2. What protects the company happens at once: `suspend` makes the VPS `suspended`,
//      `terminate` makes it `deleting` (both refuse every client action from then on), and
//      the client's requests nobody has started are cancelled.
//   3. What the hypervisor must do first waits for the main site's report: a completed
//      `resume` sets the status the main site reports (`result.status`, never `running`
//      blindly), a completed `resize` the new cpu/ram/disk, a completed `terminate`
//      removes the VPS (soft delete, `vps.deleted`).
import { recordAudit } from "../../audit/record-audit";
import type { AuditContext } from "../../audit/context";
import type { Prisma } from "../../db";
import { recordEvent } from "../../events/record-event";
import { deleteVpsInTx } from "../delete-vps";
import { toActionRequestView, type VpsActionRequestView } from "../vps-actions";
import { toVpsView, type VpsStatus, type VpsView } from "../view";
import { ACTIONS, OPEN_STATUSES, type ActionType } from "./catalogue";
import { recordActionEvent } from "./events";
import type { ActionInput } from "./params";

type Tx = Prisma.TransactionClient;
type VpsRow = Prisma.VpsGetPayload<object>;
type RequestRow = Prisma.VpsActionRequestGetPayload<object>;

export const MACHINE_ACTIONS = ["suspend", "resume", "resize", "terminate"] as const satisfies readonly ActionType[];
export type MachineAction = (typeof MACHINE_ACTIONS)[number];
export const isMachineAction = (a: ActionType): a is MachineAction => ACTIONS[a].origin === "machine";

/** What an ask came to: a request (new or the one still open), or nothing to do. */
export interface MachineOutcome {
  vpsId: number;
  request: VpsActionRequestView | null;
  created: boolean;
  /** Why nothing new was asked: `requested` (the same request is still open), `suspended`,
   *  `running`/`stopped`/… (resume of a VPS that is not suspended), `unchanged`, `closed`. */
  already: string | null;
}

const sameSize = (a: { cpu?: unknown; ram?: unknown; disk?: unknown }, b: { cpu: number; ram: number; disk: number }) =>
  a.cpu === b.cpu && a.ram === b.ram && a.disk === b.disk;

/** Rule 1, before anything is written. Null: go on and create the request. */
export async function machineShortcut(tx: Tx, vps: VpsRow, input: ActionInput): Promise<MachineOutcome | null> {
  const action = input.action as MachineAction;
  const open = await tx.vpsActionRequest.findMany({ where: { vpsId: vps.id, action, status: { in: [...OPEN_STATUSES] } }, orderBy: { id: "desc" } });
  const same = input.action === "resize" ? open.find((r) => sameSize(r.params as Record<string, unknown>, input)) : open[0];
  const none = (already: string): MachineOutcome => ({ vpsId: vps.id, request: null, created: false, already });
  if (same) return { vpsId: vps.id, request: toActionRequestView(same), created: false, already: "requested" };
  switch (input.action) {
    case "suspend": {
      if (vps.status !== "suspended") return null;
      // Suspended already (by an earlier ask, or by the main site): ask again only if the
      // last suspend never got done (failed, expired), so a retry can repair that.
      const last = await tx.vpsActionRequest.findFirst({ where: { vpsId: vps.id, action: "suspend" }, orderBy: { id: "desc" } });
      return !last || last.status === "completed" ? none("suspended") : null;
    }
    case "resume":
      return vps.status === "suspended" || vps.status === "deleting" ? null : none(vps.status);
    case "resize":
      return open.length === 0 && sameSize(input, { cpu: vps.cpu, ram: vps.ramMb, disk: vps.diskGb }) ? none("unchanged") : null;
    default:
      return null;
  }
}

/** A status change made by the panel itself, with the events and audit row update-vps writes. */
async function setStatus(tx: Tx, vps: VpsRow, status: VpsStatus, audit: AuditContext): Promise<VpsRow> {
  if (vps.status === status) return vps;
  const row = await tx.vps.update({ where: { id: vps.id }, data: { status } });
  await recordEvent(tx, { type: "vps.status_changed", userId: row.userId, vpsId: row.id, payload: { vps: toVpsView(row), previous_status: vps.status } });
  await recordAudit(tx, audit, { action: "vps.updated", targetType: "vps", targetId: row.id, details: { changed: [], status, previous_status: vps.status } });
  return row;
}

/** The client's requests the main site has not started, withdrawn (in_progress ones go on). */
async function cancelClientRequests(tx: Tx, vps: VpsRow, why: string) {
  const pending = await tx.vpsActionRequest.findMany({ where: { vpsId: vps.id, status: "pending" }, orderBy: { id: "asc" } });
  for (const r of pending) {
    if (ACTIONS[r.action].origin !== "client") continue;
    const row = await tx.vpsActionRequest.update({ where: { id: r.id }, data: { status: "cancelled", resolvedAt: new Date(), message: why } });
    await recordActionEvent(tx, "vps.action_resolved", row, toVpsView(vps), { reason: "superseded" });
  }
}

/** Rule 2, right after the request row is written. Returns the VPS as it is now. */
export async function applyAtOnce(tx: Tx, action: MachineAction, vps: VpsRow, audit: AuditContext): Promise<VpsRow> {
  if (action === "suspend") {
    const row = await setStatus(tx, vps, "suspended", audit);
    await cancelClientRequests(tx, row, "Cancelled: the billing system suspended the VPS");
    return row;
  }
  if (action === "terminate") {
    const row = await setStatus(tx, vps, "deleting", audit);
    await cancelClientRequests(tx, row, "Cancelled: the billing system is closing the service");
    return row;
  }
  return vps;
}

const REPORTABLE_STATUSES: readonly VpsStatus[] = ["running", "stopped", "error"];

/**
 * Rule 3, inside reportAction's transaction once a billing request is `completed`.
 * Returns the VPS view the `vps.action_resolved` event carries.
 */
export async function applyCompletion(tx: Tx, request: RequestRow, vps: VpsRow, result: Record<string, unknown> | undefined, audit: AuditContext): Promise<VpsView> {
  if (vps.deletedAt) return toVpsView(vps);
  switch (request.action) {
    case "resume": {
      if (vps.status !== "suspended") return toVpsView(vps);
      // The VM's state is the main site's to tell; without it the VPS comes back stopped
      // (its owner can start it), never `running` on a guess.
      const reported = result?.status;
      const status = REPORTABLE_STATUSES.includes(reported as VpsStatus) ? (reported as VpsStatus) : "stopped";
      return toVpsView(await setStatus(tx, vps, status, audit));
    }
    case "resize": {
      const p = request.params as { cpu?: number; ram?: number; disk?: number };
      const data = {
        ...(typeof p.cpu === "number" && p.cpu !== vps.cpu ? { cpu: p.cpu } : {}),
        ...(typeof p.ram === "number" && p.ram !== vps.ramMb ? { ramMb: p.ram } : {}),
        ...(typeof p.disk === "number" && p.disk !== vps.diskGb ? { diskGb: p.disk } : {}),
      };
      if (Object.keys(data).length === 0) return toVpsView(vps);
      const row = await tx.vps.update({ where: { id: vps.id }, data });
      const changed = (["cpu", "ramMb", "diskGb"] as const).filter((k) => k in data).map((k) => ({ cpu: "cpu", ramMb: "ram", diskGb: "disk" })[k]);
      await recordEvent(tx, { type: "vps.updated", userId: row.userId, vpsId: row.id, payload: { vps: toVpsView(row), changed } });
      await recordAudit(tx, audit, { action: "vps.updated", targetType: "vps", targetId: row.id, details: { changed, status: row.status, previous_status: row.status } });
      return toVpsView(row);
    }
    case "terminate":
      return deleteVpsInTx(tx, vps.id, audit);
    default:
      return toVpsView(vps);
  }
}
