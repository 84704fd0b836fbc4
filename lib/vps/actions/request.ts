// Asking for a §9 action: the panel records the request and a `vps.action_requested` event
// (webhooks and /ws forward it to the main site) in one transaction, with the VPS row
// locked so two asks cannot both pass. Client actions are the owner's; suspend, resume,
// terminate and resize are for admins and machine callers (BILLmanager) only.
import { SYSTEM_AUDIT, type AuditContext } from "../../audit/context";
import { recordAudit } from "../../audit/record-audit";
import type { Db, Prisma } from "../../db";
import { badRequest, conflict, forbidden, notFound } from "../../errors";
import { wakeRelay } from "../../events/bus";
import type { Actor } from "../../users/actor";
import { readsEveryVps } from "../access";
import { toActionRequestView, type VpsActionRequestView } from "../vps-actions";
import { toVpsView } from "../view";
import { ACTIONS, actionAllowedIn, describeWrongStatus, OPEN_STATUSES, type ActionType } from "./catalogue";
import { recordActionEvent } from "./events";
import { expireStale } from "./expire";
import { applyAtOnce, isMachineAction, machineShortcut, type MachineOutcome } from "./machine";
import { reinstallOsChoices } from "./os-choices";
import { paramsOf, type ActionInput } from "./params";
import { prepareSelfServiceAction } from "./self-service";

/** A signed-in user (session or token), or a machine caller such as BILLmanager. */
export type Requester = { kind: "user"; actor: Actor } | { kind: "machine"; source: string };

export async function requestAction(
  db: Db,
  who: Requester,
  vpsId: number,
  input: ActionInput,
  audit: AuditContext = SYSTEM_AUDIT,
): Promise<VpsActionRequestView> {
  const out = await requestActionOutcome(db, who, vpsId, input, audit);
  if (!out.request) throw conflict(nothingToDo(input.action, out.already));
  return out.request;
}

function nothingToDo(action: ActionType, already: string | null): string {
  if (action === "suspend") return "The VPS is already suspended";
  if (action === "resume") return `The VPS is not suspended (it is ${already})`;
  if (action === "resize") return "The VPS already has this size";
  return `Nothing to do (${already})`;
}

/**
 * The ask with its outcome spelled out, for callers that answer retries themselves
 * (BILLmanager's scripts, ./machine.ts): a billing action still open, or one that would
 * change nothing, comes back with `created: false` and the reason in `already`.
 */
export async function requestActionOutcome(
  db: Db,
  who: Requester,
  vpsId: number,
  input: ActionInput,
  audit: AuditContext = SYSTEM_AUDIT,
): Promise<MachineOutcome> {
  const spec = ACTIONS[input.action];
  const result = await db.$transaction(async (tx) => {
    const everyVps = who.kind === "machine" || readsEveryVps(who.actor);
    const selfId = who.kind === "user" ? who.actor.userId : -1;
    const locked = await tx.$queryRaw<{ user_id: number }[]>`
      SELECT user_id FROM vps
       WHERE id = ${vpsId} AND deleted_at IS NULL AND (user_id = ${selfId} OR ${everyVps})
       FOR UPDATE`;
    if (locked.length === 0) throw notFound("VPS not found");
    const owner = locked[0].user_id;
    if (spec.origin === "machine" && who.kind === "user" && who.actor.role !== "admin")
      throw forbidden(`${input.action} is done by the billing system or an administrator, not from the client panel`);
    if (spec.origin === "client" && who.kind === "user" && owner !== who.actor.userId)
      throw forbidden("Only the VPS owner can request actions");
    const vps = await tx.vps.findUniqueOrThrow({ where: { id: vpsId } });

    await expireStale(tx, { vpsId });
    if (vps.status === "suspended" && spec.origin === "client")
      throw conflict("The VPS is suspended by the billing system: pay or contact support to resume it");
    if (vps.status === "deleting" && spec.origin === "client")
      throw conflict("The VPS is being deleted");
    if (isMachineAction(input.action)) {
      // A billing action is never blocked by another request in flight: the company's
      // suspend or close must not wait for a client's reinstall (./machine.ts).
      const shortcut = await machineShortcut(tx, vps, input);
      if (shortcut) return shortcut;
    } else {
      const open = await tx.vpsActionRequest.findFirst({ where: { vpsId, status: { in: [...OPEN_STATUSES] } }, orderBy: { id: "asc" } });
      if (open)
        throw conflict(`A ${open.action} request (#${open.id}) is still ${open.status} for this VPS; try again when the main site has finished it`);
    }

    if (!actionAllowedIn(input.action, vps.status))
      throw conflict(describeWrongStatus(input.action, vps.status));
    if (input.action === "rename" && input.name === vps.name) throw badRequest(`The VPS is already named ${vps.name}`);
    if (input.action === "reinstall") {
      if (input.confirm !== vps.name) throw badRequest("confirm must equal the VPS name");
      const choices = await reinstallOsChoices(tx, vpsId);
      if (!choices.includes(input.os)) throw badRequest(`os must be one of: ${choices.join(", ")}`);
    }

    const params = await prepareSelfServiceAction(tx, vps, input, paramsOf(input));
    const row = await tx.vpsActionRequest.create({
      data: { vpsId, userId: who.kind === "user" ? who.actor.userId : owner, action: input.action, params: params as Prisma.InputJsonObject },
    });
    const now = isMachineAction(input.action) ? await applyAtOnce(tx, input.action, vps, audit) : vps;
    const requestedBy = who.kind === "user" ? { id: who.actor.userId, role: who.actor.role } : { machine: who.source };
    await recordActionEvent(tx, "vps.action_requested", row, toVpsView(now), {
      requested_by: requestedBy,
      // The VPS above is as the panel has it now (suspend and terminate change it at once);
      // this is its status before the ask, e.g. the power state a resume should bring back.
      ...(now.status !== vps.status ? { previous_status: vps.status } : {}),
    });
    await recordAudit(tx, audit, {
      action: "vps.action_requested",
      targetType: "vps",
      targetId: vpsId,
      details: { action: input.action, request_id: row.id, ...params },
    });
    return { vpsId, request: toActionRequestView(row), created: true, already: null } satisfies MachineOutcome;
  });
  if (result.created) wakeRelay();
  return result;
}
