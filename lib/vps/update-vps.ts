// Applies a change to a VPS and records `vps.status_changed` and/or `vps.updated`
// atomically. The sync API's hot path, so it is one statement: lock and read the row,
// update it, work out what changed, build the VPS's view (vpsViewSql, the same shape
// toVpsView makes) and write the events and the audit row. Concurrent updates of one VPS
// serialise on the row lock.
//
// The statement's text never changes (the change's fields are parameters, each with a
// "set" flag), so it is a named prepared statement (lib/db.ts queryPrepared): PostgreSQL
// parses and plans it once per connection instead of on every request.
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import { AUDIT_COLUMNS, auditActorParams, auditActorText } from "../audit/record-audit";
import { queryPrepared, type Db } from "../db";
import { isUniqueViolation } from "../db-errors";
import { AppError, notFound } from "../errors";
import { wakeRelay } from "../events/bus";
import { advanceOrder, assertOrderLinkable } from "../orders/advance-order";
import { resolveVpsActions } from "./resolve-vps-actions";
import { vpsViewSql, type VpsStatus, type VpsView } from "./view";

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

/** The fields an update may set: input key, column, SQL type, name in `changed`. */
const UPDATABLE = [
  ["name", "name", "text", "name"],
  ["status", "status", `"VpsStatus"`, null],
  ["cpu", "cpu", "int", "cpu"],
  ["ramMb", "ram_mb", "int", "ram"],
  ["diskGb", "disk_gb", "int", "disk"],
  ["os", "os", "text", "os"],
  ["hypervisor", "hypervisor", "text", "hypervisor"],
  ["ipAddress", "ip_address", "text", "ip_address"],
  ["rootPasswordEnc", "root_password_enc", "text", "root_password"],
  ["orderId", "order_id", "int", "order_id"],
] as const satisfies readonly (readonly [keyof UpdateVpsInput, string, string, string | null])[];

// Parameters: $1 id, then a (set, value) pair per UPDATABLE field, then the time, then the
// audit actor's six values.
const AT = 2 + UPDATABLE.length * 2;
const ACTOR = AT + 1;

/**
 * `fast`: updates only when nothing else must happen in the same transaction (no open
 * action request, no order); otherwise it changes nothing and the caller runs the `slow`
 * text in a transaction with those follow-ups.
 */
function statementText(fast: boolean): string {
  const sets = UPDATABLE.map(
    ([, column, type], i) => `${column} = CASE WHEN $${2 + i * 2}::boolean THEN $${3 + i * 2}::${type} ELSE vps.${column} END`,
  );
  const changed = UPDATABLE.filter(([, , , label]) => label !== null).map(
    ([, column, , label]) => `CASE WHEN vps.${column} IS DISTINCT FROM before.${column} THEN '${label}' END`,
  );
  return `
    WITH before AS (
      SELECT id, ${UPDATABLE.map(([, column]) => column).join(", ")}${
        fast ? `,
             (order_id IS NOT NULL OR EXISTS (SELECT 1 FROM vps_action_requests r WHERE r.vps_id = vps.id AND r.status IN ('pending', 'in_progress'))) AS has_followups` : ""
      }
        FROM vps WHERE id = $1::int AND deleted_at IS NULL FOR UPDATE
    ), u AS (
      UPDATE vps SET ${sets.join(",\n        ")},
        updated_at = $${AT}::timestamp(3)
      FROM before WHERE vps.id = before.id${fast ? " AND NOT before.has_followups" : ""}
      RETURNING vps.*, before.status AS previous_status,
                array_remove(ARRAY[${changed.join(",\n                  ")}], NULL) AS changed
    ), v AS (
      SELECT u.id, u.user_id, u.status, u.previous_status, u.changed, u.order_id, ${vpsViewSql("u")} AS view FROM u
    ), e AS (
      INSERT INTO domain_events (type, user_id, vps_id, payload, created_at)
      SELECT 'vps.status_changed', user_id, id, jsonb_build_object('vps', view, 'previous_status', previous_status), $${AT}::timestamp(3)
        FROM v WHERE status IS DISTINCT FROM previous_status
      UNION ALL
      SELECT 'vps.updated', user_id, id, jsonb_build_object('vps', view, 'changed', to_jsonb(changed)), $${AT}::timestamp(3)
        FROM v WHERE cardinality(changed) > 0
    ), a AS (
      INSERT INTO audit_log ${AUDIT_COLUMNS}
      SELECT ${auditActorText(ACTOR)}, 'vps.updated', 'vps', v.id::text,
             jsonb_build_object('changed', to_jsonb(changed), 'status', status, 'previous_status', previous_status), $${AT}::timestamp(3)
        FROM v
    )
    SELECT v.view, v.previous_status::text AS previous_status${
      fast
        ? ""
        : `, v.order_id,
           EXISTS (SELECT 1 FROM vps_action_requests r WHERE r.vps_id = v.id AND r.status IN ('pending', 'in_progress')) AS has_pending_actions`
    }
      FROM v`;
}

const FAST = { name: "ospab_update_vps_fast", text: statementText(true) };
const SLOW = statementText(false);

interface UpdatedRow {
  view: VpsView | string;
  previous_status: VpsStatus;
  order_id?: number | null;
  has_pending_actions?: boolean;
}

const viewOf = (row: UpdatedRow): VpsView => (typeof row.view === "string" ? JSON.parse(row.view) : row.view);

export async function updateVps(db: Db, id: number, changes: UpdateVpsInput, audit: AuditContext = SYSTEM_AUDIT): Promise<VpsView> {
  const values: unknown[] = [id];
  for (const [key] of UPDATABLE) values.push(changes[key] !== undefined, changes[key] ?? null);
  values.push(new Date().toISOString().slice(0, -1), ...auditActorParams(audit));

  let row: UpdatedRow | undefined;
  try {
    // Setting order_id always takes the transaction (the order is checked and locked first).
    if (changes.orderId === undefined || changes.orderId === null)
      row = (await queryPrepared<UpdatedRow>(db, { ...FAST, values }))[0];
    if (!row) {
      row = await db.$transaction(async (tx) => {
        if (changes.orderId) {
          const owner = await tx.vps.findFirst({ where: { id, deletedAt: null }, select: { userId: true } });
          if (!owner) throw notFound(`VPS ${id} not found`);
          await assertOrderLinkable(tx, changes.orderId, owner.userId, { vpsId: id });
        }
        const updated = (await tx.$queryRawUnsafe<UpdatedRow[]>(SLOW, ...values))[0];
        if (!updated) return undefined;
        if (updated.has_pending_actions)
          await resolveVpsActions(tx, { previousStatus: updated.previous_status, vps: viewOf(updated), statusInUpdate: changes.status !== undefined });
        // orders: running + IP + root password finishes the VPS's order (only VPS with one).
        if (updated.order_id) await advanceOrder(tx, id);
        return updated;
      });
    }
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(409, `order_id ${changes.orderId} is already linked to another VPS`);
    throw err;
  }
  if (!row) throw notFound(`VPS ${id} not found`);
  wakeRelay();
  return viewOf(row);
}
