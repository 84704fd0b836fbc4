// Applies a change to a VPS and records `vps.status_changed` and/or `vps.updated`
// atomically. The sync API's hot path, so it is one statement: lock and read the row,
// update it, work out what changed and write the events and the audit row. Concurrent updates of one VPS
// serialise on the row lock.
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import { auditActorSql, auditColumnsSql } from "../audit/record-audit";
import type { Db } from "../db";
import { isUniqueViolation } from "../db-errors";
import { Prisma } from "../generated/prisma/client";
import { AppError, notFound } from "../errors";
import { wakeRelay } from "../events/bus";
import { advanceOrder } from "../orders/advance-order";
import { resolveVpsActions } from "./resolve-vps-actions";
import { toVpsView, type VpsStatus, type VpsView } from "./view";

export interface UpdateVpsInput {
  name?: string;
  status?: VpsStatus;
  cpu?: number;
  ramMb?: number;
  diskGb?: number;
  os?: string;
  hypervisor?: string;
  ipAddress?: string | null;
  /** Already encrypted (lib/vps/root-password.ts); null clears it. */
  rootPasswordEnc?: string | null;
  orderId?: number | null;
}

interface UpdatedRow {
  id: number;
  user_id: number;
  name: string;
  status: VpsStatus;
  cpu: number;
  ram_mb: number;
  disk_gb: number;
  os: string;
  hypervisor: string;
  ip_address: string | null;
  order_id: number | null;
  created_at: Date;
  updated_at: Date;
  previous_status: VpsStatus;
  has_pending_actions: boolean;
}

export async function updateVps(db: Db, id: number, changes: UpdateVpsInput, audit: AuditContext = SYSTEM_AUDIT): Promise<VpsView> {
  if (changes.orderId) {
    const order = await db.order.findUnique({ where: { id: changes.orderId }, select: { userId: true, vps: { select: { id: true } } } });
    const owner = await db.vps.findFirst({ where: { id, deletedAt: null }, select: { userId: true } });
    if (!owner) throw notFound(`VPS ${id} not found`);
    if (!order) throw new AppError(422, `Unknown order_id ${changes.orderId}`);
    if (order.userId !== owner.userId) throw new AppError(422, `order_id ${changes.orderId} belongs to another user`);
    if (order.vps && order.vps.id !== id) throw new AppError(409, `order_id ${changes.orderId} is already linked to VPS ${order.vps.id}`);
  }
  const set = (v: unknown) => v !== undefined;
  const at = new Date().toISOString().slice(0, -1);
  // Fast path, one statement: it updates only when nothing else must happen in the same
  // transaction (no pending client action, no order, no order_id being set). Otherwise it
  // changes nothing and the update runs again in a transaction with those follow-ups.
  const run = (client: Pick<Db, "$queryRaw">, guard: Prisma.Sql) =>
    client.$queryRaw<UpdatedRow[]>`
    WITH before AS (
      SELECT id, name, status, cpu, ram_mb, disk_gb, os, hypervisor, ip_address, root_password_enc, order_id,
               (order_id IS NOT NULL OR EXISTS (SELECT 1 FROM vps_action_requests r WHERE r.vps_id = vps.id AND r.status = 'pending')) AS has_followups
        FROM vps WHERE id = ${id}::int AND deleted_at IS NULL FOR UPDATE
    ), u AS (
      UPDATE vps SET
        name = CASE WHEN ${set(changes.name)} THEN ${changes.name ?? null}::text ELSE vps.name END,
        status = CASE WHEN ${set(changes.status)} THEN ${changes.status ?? null}::"VpsStatus" ELSE vps.status END,
        cpu = CASE WHEN ${set(changes.cpu)} THEN ${changes.cpu ?? null}::int ELSE vps.cpu END,
        ram_mb = CASE WHEN ${set(changes.ramMb)} THEN ${changes.ramMb ?? null}::int ELSE vps.ram_mb END,
        disk_gb = CASE WHEN ${set(changes.diskGb)} THEN ${changes.diskGb ?? null}::int ELSE vps.disk_gb END,
        os = CASE WHEN ${set(changes.os)} THEN ${changes.os ?? null}::text ELSE vps.os END,
        hypervisor = CASE WHEN ${set(changes.hypervisor)} THEN ${changes.hypervisor ?? null}::text ELSE vps.hypervisor END,
        ip_address = CASE WHEN ${set(changes.ipAddress)} THEN ${changes.ipAddress ?? null}::text ELSE vps.ip_address END,
        root_password_enc = CASE WHEN ${set(changes.rootPasswordEnc)} THEN ${changes.rootPasswordEnc ?? null}::text ELSE vps.root_password_enc END,
        order_id = CASE WHEN ${set(changes.orderId)} THEN ${changes.orderId ?? null}::int ELSE vps.order_id END,
        updated_at = ${at}::timestamp(3)
      FROM before WHERE vps.id = before.id ${guard}
      RETURNING vps.id, vps.user_id, vps.name, vps.status, vps.cpu, vps.ram_mb, vps.disk_gb, vps.os, vps.hypervisor,
                vps.ip_address, vps.order_id, vps.created_at, vps.updated_at, before.status AS previous_status,
                array_remove(ARRAY[
                  CASE WHEN vps.name IS DISTINCT FROM before.name THEN 'name' END,
                  CASE WHEN vps.cpu IS DISTINCT FROM before.cpu THEN 'cpu' END,
                  CASE WHEN vps.ram_mb IS DISTINCT FROM before.ram_mb THEN 'ram' END,
                  CASE WHEN vps.disk_gb IS DISTINCT FROM before.disk_gb THEN 'disk' END,
                  CASE WHEN vps.os IS DISTINCT FROM before.os THEN 'os' END,
                  CASE WHEN vps.hypervisor IS DISTINCT FROM before.hypervisor THEN 'hypervisor' END,
                  CASE WHEN vps.ip_address IS DISTINCT FROM before.ip_address THEN 'ip_address' END,
                  CASE WHEN vps.root_password_enc IS DISTINCT FROM before.root_password_enc THEN 'root_password' END,
                  CASE WHEN vps.order_id IS DISTINCT FROM before.order_id THEN 'order_id' END
                ], NULL) AS changed
    ), v AS (
      SELECT u.*, jsonb_build_object(
        'id', u.id, 'user_id', u.user_id, 'name', u.name, 'status', u.status, 'cpu', u.cpu, 'ram', u.ram_mb,
        'disk', u.disk_gb, 'os', u.os, 'hypervisor', u.hypervisor, 'ip_address', u.ip_address, 'order_id', u.order_id,
        'created_at', to_char(u.created_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'updated_at', to_char(u.updated_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) AS view
      FROM u
    ), e AS (
      INSERT INTO domain_events (type, user_id, vps_id, payload, created_at)
      SELECT 'vps.status_changed', user_id, id, jsonb_build_object('vps', view, 'previous_status', previous_status), ${at}::timestamp(3)
        FROM v WHERE status IS DISTINCT FROM previous_status
      UNION ALL
      SELECT 'vps.updated', user_id, id, jsonb_build_object('vps', view, 'changed', to_jsonb(changed)), ${at}::timestamp(3)
        FROM v WHERE cardinality(changed) > 0
      RETURNING id
    ), a AS (
      INSERT INTO audit_log ${auditColumnsSql()}
      SELECT ${auditActorSql(audit)}, 'vps.updated', 'vps', v.id::text,
             jsonb_build_object('changed', to_jsonb(changed), 'status', status, 'previous_status', previous_status), ${at}::timestamp(3)
        FROM v
    )
    SELECT v.id, v.user_id, v.name, v.status::text AS status, v.cpu, v.ram_mb, v.disk_gb, v.os, v.hypervisor, v.ip_address,
           v.order_id, v.created_at, v.updated_at, (SELECT count(*) FROM e)::int AS events,
           v.previous_status::text AS previous_status,
           EXISTS (SELECT 1 FROM vps_action_requests r WHERE r.vps_id = v.id AND r.status = 'pending') AS has_pending_actions
      FROM v`;
  const fastGuard = set(changes.orderId) ? Prisma.sql`AND false` : Prisma.sql`AND NOT before.has_followups`;
  let row: UpdatedRow | undefined;
  try {
    row = (await run(db, fastGuard))[0];
    if (!row) {
      row = await db.$transaction(async (tx) => {
        const updated = (await run(tx, Prisma.empty))[0];
        if (updated?.has_pending_actions) {
          const after = toRow(updated);
          await resolveVpsActions(tx, {
            before: { ...after, status: updated.previous_status },
            after,
            statusInUpdate: changes.status !== undefined,
          });
        }
        // orders: running + IP + root password finishes the VPS's order (only VPS with one).
        if (updated?.order_id) await advanceOrder(tx, updated.id);
        return updated;
      });
    }
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(409, `order_id ${changes.orderId} is already linked to another VPS`);
    throw err;
  }
  if (!row) throw notFound(`VPS ${id} not found`);
  wakeRelay();
  return toVpsView(toRow(row));
}

function toRow(row: UpdatedRow) {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    status: row.status,
    cpu: row.cpu,
    ramMb: row.ram_mb,
    diskGb: row.disk_gb,
    os: row.os,
    hypervisor: row.hypervisor,
    ipAddress: row.ip_address,
    orderId: row.order_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
