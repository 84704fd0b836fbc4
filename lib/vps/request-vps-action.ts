// A client asks for start/stop/reboot/rename. The panel does not act on the VPS itself: it
// records a pending request and a `vps.action_requested` event (webhooks forward it to the
// main site) in one transaction. The request stays pending until the main site confirms the
// effect through the sync API (see resolve-vps-actions.ts); meanwhile another request for
// the same VPS is refused with 409. The VPS row is locked so two requests cannot both pass.
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import { recordAudit } from "../audit/record-audit";
import type { Db, Prisma } from "../db";
import { badRequest, conflict, forbidden, notFound } from "../errors";
import { wakeRelay } from "../events/bus";
import { recordEvent } from "../events/record-event";
import type { Actor } from "../users/actor";
import {
  ACTION_PENDING_TTL_MS,
  REQUIRED_STATUS,
  toActionRequestView,
  type VpsActionInput,
  type VpsActionRequestView,
} from "./vps-actions";
import { readsEveryVps } from "./access";
import { toVpsView, type VpsStatus } from "./view";

const ACTION_LABEL = { start: "start", stop: "stop", reboot: "reboot", rename: "rename" } as const;

export async function requestVpsAction(
  db: Db,
  actor: Actor,
  vpsId: number,
  /** Already parsed by the route (vpsActionInputSchema, lib/vps/schemas.ts). */
  req: VpsActionInput,
  audit: AuditContext = SYSTEM_AUDIT,
): Promise<VpsActionRequestView> {

  const result = await db.$transaction(async (tx) => {
    // Clients match only their own rows; an admin matches any row (lib/vps/access.ts) and is refused below.
    const locked = await tx.$queryRaw<{ user_id: number }[]>`
      SELECT user_id FROM vps
       WHERE id = ${vpsId} AND deleted_at IS NULL
         AND (user_id = ${actor.userId} OR ${readsEveryVps(actor)})
       FOR UPDATE`;
    if (locked.length === 0) throw notFound("VPS not found");
    if (locked[0].user_id !== actor.userId) throw forbidden("Only the VPS owner can request actions");
    const vps = await tx.vps.findUniqueOrThrow({ where: { id: vpsId } });

    await expireStaleRequests(tx, vps);
    const pending = await tx.vpsActionRequest.findFirst({ where: { vpsId, status: "pending" }, orderBy: { id: "asc" } });
    if (pending)
      throw conflict(
        `A ${ACTION_LABEL[pending.action]} request (#${pending.id}) is still pending for this VPS; try again when the main site has confirmed it`,
      );

    if (req.action === "rename") {
      if (vps.status === "deleting") throw conflict("The VPS is being deleted and cannot be renamed");
      if (req.name === vps.name) throw badRequest(`The VPS is already named ${vps.name}`);
    } else if (vps.status !== REQUIRED_STATUS[req.action]) {
      throw conflict(describeWrongStatus(req.action, vps.status));
    }

    const params = req.action === "rename" ? { name: req.name } : {};
    const row = await tx.vpsActionRequest.create({
      data: { vpsId, userId: actor.userId, action: req.action, params },
    });
    await recordEvent(tx, {
      type: "vps.action_requested",
      userId: vps.userId,
      vpsId,
      payload: {
        action: req.action,
        params,
        request_id: row.id,
        requested_by: { id: actor.userId, role: actor.role },
        vps: toVpsView(vps),
      },
    });
    await recordAudit(tx, audit, {
      action: "vps.action_requested",
      targetType: "vps",
      targetId: vpsId,
      details: { action: req.action, request_id: row.id, ...params },
    });
    return toActionRequestView(row);
  });
  wakeRelay();
  return result;
}

function describeWrongStatus(action: "start" | "stop" | "reboot", status: VpsStatus) {
  const verb = action === "start" ? "started" : action === "stop" ? "stopped" : "rebooted";
  return `The VPS can be ${verb} only when it is ${REQUIRED_STATUS[action]} (it is ${status})`;
}

type Tx = Pick<Prisma.TransactionClient, "vpsActionRequest" | "domainEvent" | "$executeRaw">;

/** Requests the main site never confirmed stop blocking after a while; each gets an event. */
async function expireStaleRequests(tx: Tx, vps: Parameters<typeof toVpsView>[0]) {
  const vpsId = vps.id;
  const stale = await tx.vpsActionRequest.findMany({
    where: { vpsId, status: "pending", createdAt: { lte: new Date(Date.now() - ACTION_PENDING_TTL_MS) } },
  });
  for (const r of stale) {
    const done = await tx.vpsActionRequest.update({ where: { id: r.id }, data: { status: "cancelled", resolvedAt: new Date() } });
    await recordEvent(tx, {
      type: "vps.action_resolved",
      userId: vps.userId,
      vpsId,
      payload: {
        request_id: r.id,
        action: r.action,
        params: r.params as Record<string, unknown>,
        status: "cancelled",
        reason: "expired",
        request: toActionRequestView(done),
        vps: toVpsView(vps),
      },
    });
  }
}
