// A client (or an admin) asks for an action on a VPS: the §9 core in ./actions/ does the
// work (catalogue, params, lifecycle, events); this keeps the users' entry point.
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import type { Db } from "../db";
import type { Actor } from "../users/actor";
import type { ActionInput } from "./actions/params";
import { requestAction } from "./actions/request";
import type { VpsActionRequestView } from "./vps-actions";

export function requestVpsAction(db: Db, actor: Actor, vpsId: number, req: ActionInput, audit: AuditContext = SYSTEM_AUDIT): Promise<VpsActionRequestView> {
  return requestAction(db, { kind: "user", actor }, vpsId, req, audit);
}
