// Asking for a §9 action: the panel records the request and a `vps.action_requested` event
// (webhooks and /ws forward it to the main site) in one transaction, with the VPS row
// locked so two asks cannot both pass. Client actions are the owner's; suspend, resume,
// terminate and resize are for admins and machine callers (BILLmanager) only.
import { SYSTEM_AUDIT, type AuditContext } from "../../audit/context";
import { recordAudit } from "../../audit/record-audit";
import type { Db } from "../../db";
import { badRequest, conflict, forbidden, notFound } from "../../errors";
import { wakeRelay } from "../../events/bus";
import type { Actor } from "../../users/actor";
import { readsEveryVps } from "../access";
import { toActionRequestView, type VpsActionRequestView } from "../vps-actions";
import { toVpsView } from "../view";
import { ACTIONS, actionAllowedIn, describeWrongStatus, OPEN_STATUSES } from "./catalogue";
import { recordActionEvent } from "./events";
import { expireStale } from "./expire";
import { reinstallOsChoices } from "./os-choices";
import { paramsOf, type ActionInput } from "./params";

/** A signed-in user (session or token), or a machine caller such as BILLmanager. */
export type Requester = { kind: "user"; actor: Actor } | { kind: "machine"; source: string };

export async function requestAction(
  db: Db,
  who: Requester,
  vpsId: number,
  input: ActionInput,
  audit: AuditContext = SYSTEM_AUDIT,
): Promise<VpsActionRequestView> {
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
    const open = await tx.vpsActionRequest.findFirst({ where: { vpsId, status: { in: [...OPEN_STATUSES] } }, orderBy: { id: "asc" } });
    // A machine action (billing) is never blocked by a client's request in flight.
    if (open && !(spec.origin === "machine" && ACTIONS[open.action].origin === "client"))
      throw conflict(`A ${open.action} request (#${open.id}) is still ${open.status} for this VPS; try again when the main site has finished it`);

    if (vps.status === "suspended" && spec.origin === "client")
      throw conflict("The VPS is suspended by the billing system: pay or contact support to resume it");
    if (!actionAllowedIn(input.action, vps.status))
      throw conflict(describeWrongStatus(input.action, vps.status));
    if (input.action === "rename" && input.name === vps.name) throw badRequest(`The VPS is already named ${vps.name}`);
    if (input.action === "reinstall" && input.confirm !== vps.name) throw badRequest("confirm must equal the VPS name");
    if (input.action === "reinstall") {
      const choices = await reinstallOsChoices(tx, vpsId);
      if (!choices.includes(input.os)) throw badRequest(`os must be one of: ${choices.join(", ")}`);
    }

    const params = paramsOf(input) as Record<string, string | number | number[]>;
    const row = await tx.vpsActionRequest.create({
      data: { vpsId, userId: who.kind === "user" ? who.actor.userId : owner, action: input.action, params },
    });
    const requestedBy = who.kind === "user" ? { id: who.actor.userId, role: who.actor.role } : { machine: who.source };
    await recordActionEvent(tx, "vps.action_requested", row, toVpsView(vps), { requested_by: requestedBy });
    await recordAudit(tx, audit, {
      action: "vps.action_requested",
      targetType: "vps",
      targetId: vpsId,
      details: { action: input.action, request_id: row.id, ...params },
    });
    return toActionRequestView(row);
  });
  wakeRelay();
  return result;
}
