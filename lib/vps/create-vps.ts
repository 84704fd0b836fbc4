// Creates a VPS for a client and records `vps.created` atomically. The sync API's hot
// path, so it is one round trip: a missing owner is found by the foreign key, and stale
// fingerprints are released only on a conflict.
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import { auditActorSql, auditColumnsSql } from "../audit/record-audit";
import type { Db } from "../db";
import { isForeignKeyViolation, isUniqueViolation } from "../db-errors";
import { AppError } from "../errors";
import { wakeRelay } from "../events/bus";
import { advanceOrder, assertOrderLinkable } from "../orders/advance-order";
import { toVpsView, type VpsStatus, type VpsView } from "./view";

export interface CreateVpsInput {
  userId: number;
  name: string;
  cpu: number;
  ramMb: number;
  diskGb: number;
  os: string;
  status?: VpsStatus;
  hypervisor?: string;
  ipAddress?: string | null;
  /** Already encrypted (lib/vps/root-password.ts). */
  rootPasswordEnc?: string | null;
  orderId?: number | null;
  /** The service's id in an external billing system (BILLmanager), unique. */
  externalRef?: string | null;
  /**
   * Natural key against twins from retried creates (see sync-vps.ts). A live VPS created
   * less than FINGERPRINT_WINDOW_HOURS ago with the same fingerprint makes this create
   * fail on the unique index (P2002 for the caller); older or deleted holders give the
   * fingerprint up.
   */
  createFingerprint?: string;
}

export const FINGERPRINT_WINDOW_HOURS = 24;

/**
 * One statement: the VPS row, its `vps.created` event and its audit row. A single statement is atomic by
 * itself, so the hot path needs no interactive transaction.
 */
async function insert(db: Db, input: CreateVpsInput, audit: AuditContext): Promise<VpsView> {
  // orders: order_id must name an open order of this user (checked before; the unique index
  // on vps.order_id still settles a race, 409 upstream).
  if (input.orderId) await assertOrderLinkable(db, input.orderId, input.userId, { createFingerprint: input.createFingerprint });
  const now = new Date();
  const view: VpsView = toVpsView({
    id: 0,
    userId: input.userId,
    name: input.name,
    status: input.status ?? "creating",
    cpu: input.cpu,
    ramMb: input.ramMb,
    diskGb: input.diskGb,
    os: input.os,
    hypervisor: input.hypervisor ?? "proxmox",
    ipAddress: input.ipAddress ?? null,
    orderId: input.orderId ?? null,
    createdAt: now,
    updatedAt: now,
  });
  // Timestamps are stored as UTC wall time (timestamp without time zone), as Prisma does.
  const at = now.toISOString().slice(0, -1);
  const [row] = await db.$queryRaw<{ id: number }[]>`
    WITH v AS (
      INSERT INTO vps (user_id, name, status, cpu, ram_mb, disk_gb, os, hypervisor, ip_address,
                       root_password_enc, order_id, create_fingerprint, external_ref, created_at, updated_at)
      VALUES (${view.user_id}::int, ${view.name}, ${view.status}::"VpsStatus", ${view.cpu}::int, ${view.ram}::int,
              ${view.disk}::int, ${view.os}, ${view.hypervisor}, ${view.ip_address}, ${input.rootPasswordEnc ?? null},
              ${view.order_id}::int, ${input.createFingerprint ?? null}, ${input.externalRef ?? null},
               ${at}::timestamp(3), ${at}::timestamp(3))
      RETURNING id, user_id
    ), e AS (
      INSERT INTO domain_events (type, user_id, vps_id, payload, created_at)
      SELECT 'vps.created', v.user_id, v.id, jsonb_set(${JSON.stringify({ vps: view })}::jsonb, '{vps,id}', to_jsonb(v.id)),
             ${at}::timestamp(3)
        FROM v
      RETURNING id
    ), a AS (
      INSERT INTO audit_log ${auditColumnsSql()}
      SELECT ${auditActorSql(audit)}, 'vps.created', 'vps', v.id::text,
             jsonb_build_object('user_id', v.user_id, 'name', ${view.name}::text, 'status', ${view.status}::text), ${at}::timestamp(3)
        FROM v
    )
    SELECT v.id FROM v, e`;
  return { ...view, id: row.id };
}

export async function createVps(db: Db, input: CreateVpsInput, audit: AuditContext = SYSTEM_AUDIT): Promise<VpsView> {
  let vps: VpsView;
  try {
    vps = await insert(db, input, audit);
  } catch (err) {
    if (isForeignKeyViolation(err))
      throw new AppError(422, `Unknown user_id ${input.userId}: create the user first (POST /api/users/sync)`);
    if (!isUniqueViolation(err) || !input.createFingerprint) throw err;
    const released = await db.vps.updateMany({
      where: {
        createFingerprint: input.createFingerprint,
        OR: [{ deletedAt: { not: null } }, { createdAt: { lt: new Date(Date.now() - FINGERPRINT_WINDOW_HOURS * 3_600_000) } }],
      },
      data: { createFingerprint: null },
    });
    if (released.count === 0) throw err;
    vps = await insert(db, input, audit);
  }
  // orders: a VPS created ready (running + IP + root password) finishes its order. Off the
  // hot path (only VPS with an order_id); should this step be lost, the VPS's next update does it.
  if (input.orderId) await db.$transaction((tx) => advanceOrder(tx, vps.id));
  wakeRelay();
  return vps;
}
