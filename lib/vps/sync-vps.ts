// The main site's sync: create / update / delete a VPS from a parsed SyncRequest.
//
// Retried creates. With an Idempotency-Key the HTTP layer replays the first reply; the
// VPS row also carries a fingerprint of that key, so even a reply lost to a crash
// between commit and storing it cannot yield a twin. Without a key, the natural key is
// sha256(user_id, name, cpu, ram, disk, os, order_id) among live VPS created in the last
// 24 hours (vps.create_fingerprint, unique): a repeat returns the VPS the first request
// made (200, `X-Sync-Duplicate: true`) instead of a second one, and two concurrent
// identical creates meet on the unique index, so exactly one row is written. Deliberate
// identical twins are still possible: send distinct Idempotency-Keys or order_ids.
import { createHash } from "node:crypto";
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import type { Db } from "../db";
import { AppError } from "../errors";
import { isUniqueViolation } from "../db-errors";
import { createVps, type CreateVpsInput } from "./create-vps";
import { deleteVps, type DeletedVpsView } from "./delete-vps";
import { listsGiven, storeVpsLists } from "./lists/store-vps-lists";
import { encryptRootPassword } from "./root-password";
import type { SyncCreate, SyncRequest } from "./sync-schema";
import { updateVps, type UpdateVpsInput } from "./update-vps";
import { toVpsView, type VpsView } from "./view";

export interface SyncOutcome {
  /** 201 created, 200 otherwise (including a create answered by an existing VPS). */
  httpStatus: 200 | 201;
  vps: VpsView;
  duplicate: boolean;
  /** Set when the answer is not the plain "VPS synced successfully" (a repeated delete). */
  message?: string;
}

export const ALREADY_DELETED = "VPS already deleted";

export function createFingerprint(vps: SyncCreate, idempotencyKey?: string): string {
  const material = idempotencyKey
    ? ["idempotency-key", idempotencyKey]
    : ["natural", vps.user_id, vps.name, vps.cpu, vps.ram, vps.disk, vps.os, vps.order_id ?? null];
  return createHash("sha256").update(JSON.stringify(material)).digest("hex");
}

export async function syncVps(
  db: Db,
  request: SyncRequest,
  opts: { idempotencyKey?: string; audit?: AuditContext } = {},
): Promise<SyncOutcome> {
  const audit = opts.audit ?? SYSTEM_AUDIT;
  if (request.action === "create") {
    const v = request.vps;
    const fingerprint = createFingerprint(v, opts.idempotencyKey);
    const input: CreateVpsInput = {
      userId: v.user_id,
      name: v.name,
      cpu: v.cpu,
      ramMb: v.ram,
      diskGb: v.disk,
      os: v.os,
      status: v.status,
      hypervisor: v.hypervisor,
      ipAddress: v.ip_address ?? null,
      rootPasswordEnc: v.root_password ? encryptRootPassword(v.root_password) : null,
      orderId: v.order_id ?? null,
      createFingerprint: fingerprint,
    };
    try {
      return { httpStatus: 201, vps: await createVps(db, input, audit), duplicate: false };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const existing = await db.vps.findFirst({ where: { createFingerprint: fingerprint, deletedAt: null } });
      if (existing) return { httpStatus: 200, vps: toVpsView(existing), duplicate: true };
      // Another unique key (order_id linked meanwhile): a real conflict.
      throw new AppError(409, "The VPS conflicts with one created at the same moment; retry the request");
    }
  }

  if (request.action === "update") {
    const v = request.vps;
    if (v.user_id !== undefined) {
      const current = await db.vps.findFirst({ where: { id: v.id, deletedAt: null }, select: { userId: true } });
      if (!current) throw new AppError(404, `VPS ${v.id} not found`);
      if (current.userId !== v.user_id)
        throw new AppError(400, "user_id cannot be changed by update: delete the VPS and create it for the new owner");
    }
    const changes: UpdateVpsInput = {
      name: v.name,
      status: v.status,
      cpu: v.cpu,
      ramMb: v.ram,
      diskGb: v.disk,
      os: v.os,
      hypervisor: v.hypervisor,
      ipAddress: v.ip_address,
      rootPasswordEnc: v.root_password === undefined ? undefined : v.root_password === null ? null : encryptRootPassword(v.root_password),
      orderId: v.order_id,
    };
    // Snapshots, backups and rDNS live beside the VPS row (lib/vps/lists), stored after the
    // row's own change; an update of lists alone leaves the row as it is.
    const lists = { snapshots: v.snapshots, backups: v.backups, rdns: v.rdns };
    const rowChange = Object.values(changes).some((x) => x !== undefined);
    const updated = rowChange || !listsGiven(lists) ? await updateVps(db, v.id, changes, audit) : undefined;
    const vps = listsGiven(lists) ? (await storeVpsLists(db, v.id, lists, audit)).vps : updated;
    if (!vps) throw new AppError(500, "The update changed nothing");
    return { httpStatus: 200, vps, duplicate: false };
  }

  try {
    return { httpStatus: 200, vps: await deleteVps(db, request.vps.id, audit), duplicate: false };
  } catch (err) {
    // A retried delete whose first answer was lost: the VPS is gone, which is what was asked.
    if (!(err instanceof AppError) || err.status !== 404) throw err;
    const gone = await db.vps.findFirst({ where: { id: request.vps.id, deletedAt: { not: null } } });
    if (!gone?.deletedAt) throw err;
    const vps: DeletedVpsView = { ...toVpsView(gone), deleted_at: gone.deletedAt.toISOString() };
    return { httpStatus: 200, vps, duplicate: true, message: ALREADY_DELETED };
  }
}
