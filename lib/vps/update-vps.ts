// Applies a change to a VPS and records `vps.status_changed` and/or `vps.updated`
// atomically. The sync API's hot path, so it is one statement: lock and read the row,
// update it, work out what changed, build the VPS's view (vpsViewSql, the same shape
// toVpsView makes) and write the events and the audit row. Concurrent updates of one VPS
// serialise on the row lock.
//
// The statement's text never changes (the change's fields are parameters, each with a
// "set" flag), so it is a named prepared statement (lib/db.ts queryPrepared): PostgreSQL
// parses and plans it once per connection instead of on every request. Concurrent updates
// outside a transaction are coalesced (lib/utils/coalescer.ts): those that arrive while
// earlier ones are being written go to the database together, as one statement and one
// commit (GROUP), each with its own row, events, audit row and answer, as if sent alone.
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import { AUDIT_COLUMNS, auditActorParams, auditActorText } from "../audit/record-audit";
import { queryPrepared, type Db } from "../db";
import { isUniqueViolation } from "../db-errors";
import { AppError, notFound } from "../errors";
import { wakeRelay } from "../events/bus";
import { advanceOrder, assertOrderLinkable } from "../orders/advance-order";
import { Coalescer } from "../utils/coalescer";
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

const setClauses = (from: string, flag: (i: number, column: string) => string, value: (i: number, column: string) => string) =>
  UPDATABLE.map(([, column, type], i) => `${column} = CASE WHEN ${flag(i, column)} THEN ${value(i, column)}::${type} ELSE ${from}.${column} END`);
const changedArray = () =>
  `array_remove(ARRAY[${UPDATABLE.filter(([, , , label]) => label !== null)
    .map(([, column, , label]) => `CASE WHEN vps.${column} IS DISTINCT FROM before.${column} THEN '${label}' END`)
    .join(",\n                  ")}], NULL)`;
const EVENTS_AND_AUDIT = (at: string, actor: string) => `e AS (
      INSERT INTO domain_events (type, user_id, vps_id, payload, created_at)
      SELECT 'vps.status_changed', user_id, id, jsonb_build_object('vps', view, 'previous_status', previous_status), ${at}
        FROM v WHERE status IS DISTINCT FROM previous_status
      UNION ALL
      SELECT 'vps.updated', user_id, id, jsonb_build_object('vps', view, 'changed', to_jsonb(changed)), ${at}
        FROM v WHERE cardinality(changed) > 0
    ), a AS (
      INSERT INTO audit_log ${AUDIT_COLUMNS}
      SELECT ${actor}, 'vps.updated', 'vps', v.id::text,
             jsonb_build_object('changed', to_jsonb(changed), 'status', status, 'previous_status', previous_status), ${at}
        FROM v
    )`;

/**
 * One VPS. `fast`: outside a transaction, only when nothing else must happen with it (no
 * open action request, no order), otherwise it changes nothing and the caller runs the slow
 * text in a transaction with those follow-ups, whose answer says what they need.
 */
function single(fast: boolean): string {
  return `
    WITH before AS (
      SELECT id, ${UPDATABLE.map(([, column]) => column).join(", ")}${
        fast ? `,
             (order_id IS NOT NULL OR EXISTS (SELECT 1 FROM vps_action_requests r WHERE r.vps_id = vps.id AND r.status IN ('pending', 'in_progress'))) AS has_followups` : ""
      }
        FROM vps WHERE id = $1::int AND deleted_at IS NULL FOR UPDATE
    ), u AS (
      UPDATE vps SET ${setClauses("vps", (i) => `$${2 + i * 2}::boolean`, (i) => `$${3 + i * 2}`).join(",\n        ")},
        updated_at = $${AT}::timestamp(3)
      FROM before WHERE vps.id = before.id${fast ? " AND NOT before.has_followups" : ""}
      RETURNING vps.*, before.status AS previous_status, ${changedArray()} AS changed
    ), v AS (
      SELECT u.id, u.user_id, u.status, u.previous_status, u.changed, u.order_id, ${vpsViewSql("u")} AS view FROM u
    ), ${EVENTS_AND_AUDIT(`$${AT}::timestamp(3)`, auditActorText(ACTOR))}
    SELECT v.view, v.previous_status::text AS previous_status${
      fast
        ? ""
        : `, v.order_id,
           EXISTS (SELECT 1 FROM vps_action_requests r WHERE r.vps_id = v.id AND r.status IN ('pending', 'in_progress')) AS has_pending_actions`
    }
      FROM v`;
}
const FAST = { name: "ospab_update_vps_fast", text: single(true) };
const SLOW = single(false);

/**
 * Many VPS at once, each with its own change, time and audit actor (one array per
 * parameter, an element per VPS; `k` numbers them): the concurrent single updates a
 * Coalescer gathered, committed together. A VPS with follow-ups (an open action request, an
 * order) is left as it is and missing from the answer, as is one not found: the caller runs
 * those one by one in a transaction (SLOW). Rows are locked in id order, so two groups never
 * deadlock; a group never names one VPS twice (the Coalescer's key).
 *
 * The input is one jsonb array of records (jsonb_to_recordset), not an array per column
 * (unnest): the planner estimates unnest's rows from the arrays' lengths, so every call's
 * own plan looked cheaper than the shared one and PostgreSQL planned the statement afresh
 * on each call (pg_prepared_statements: custom_plans only), 2 ms of planning a group. A
 * recordset's estimate does not depend on the value, so the plan is made once per
 * connection. Its estimate is 100 rows, though, for which a hash join over all of `vps`
 * looks cheaper than 100 index lookups (5 ms a group on 20,000 VPS); the range condition on
 * `k` (always true) brings the estimate down to one row, so the plan looks the VPS up by id.
 */
/** Most VPS one group updates. */
const GROUP_MAX = 64;
const GROUP_COLUMNS = [
  "id int",
  ...UPDATABLE.flatMap(([, column, type]) => [`set_${column} boolean`, `new_${column} ${type.startsWith('"') ? "text" : type}`]),
  "at timestamp(3)",
  "actor_type text",
  "actor_user_id int",
  "actor_token_id int",
  "actor_label text",
  "client_address text",
  "request_id text",
] as const;
const GROUP_KEYS = GROUP_COLUMNS.map((c) => c.slice(0, c.indexOf(" ")));
const GROUP = {
  name: "ospab_update_vps_group",
  text: `
    WITH input AS (
      SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(${GROUP_COLUMNS.join(", ")}, k int)
       WHERE i.k BETWEEN 1 AND ${GROUP_MAX}
    ), before AS (
      SELECT id, ${UPDATABLE.map(([, column]) => column).join(", ")},
             (order_id IS NOT NULL OR EXISTS (SELECT 1 FROM vps_action_requests r WHERE r.vps_id = vps.id AND r.status IN ('pending', 'in_progress'))) AS has_followups
        FROM vps WHERE id IN (SELECT id FROM input) AND deleted_at IS NULL ORDER BY id FOR UPDATE
    ), u AS (
      UPDATE vps SET ${setClauses("vps", (_, column) => `i.set_${column}`, (_, column) => `i.new_${column}`).join(",\n        ")},
        updated_at = i.at
      FROM before JOIN input i ON i.id = before.id
      WHERE vps.id = before.id AND NOT before.has_followups
      RETURNING vps.*, before.status AS previous_status, ${changedArray()} AS changed,
                i.k, i.at, i.actor_type, i.actor_user_id, i.actor_token_id, i.actor_label, i.client_address, i.request_id
    ), v AS (
      SELECT u.k, u.id, u.user_id, u.status, u.previous_status, u.changed, u.at, u.actor_type, u.actor_user_id, u.actor_token_id,
             u.actor_label, u.client_address, u.request_id, ${vpsViewSql("u")} AS view FROM u
    ), ${EVENTS_AND_AUDIT(
      "v.at",
      `v.actor_type::"AuditActorType", v.actor_user_id, v.actor_token_id, COALESCE(v.actor_label, (SELECT email FROM users WHERE id = v.actor_user_id)), v.client_address, v.request_id`,
    )}
    SELECT v.k::int AS k, v.view, v.previous_status::text AS previous_status FROM v`,
};

interface UpdatedRow {
  view: VpsView | string;
  previous_status: VpsStatus;
  order_id?: number | null;
  has_pending_actions?: boolean;
}

const viewOf = (row: UpdatedRow): VpsView => (typeof row.view === "string" ? JSON.parse(row.view) : row.view);

/** One VPS's values for GROUP: the id, the UPDATABLE pairs, the time, the actor. */
type GroupItem = { id: number; values: unknown[] };

/** Each item's row, or undefined where the VPS was left for SLOW: a lone item by FAST (a
 *  group of one costs PostgreSQL more than the single statement), more by GROUP. */
async function updateGroup(db: Db, items: GroupItem[]): Promise<(UpdatedRow | undefined)[]> {
  const [only] = items;
  if (only && items.length === 1) return [(await queryPrepared<UpdatedRow>(db, { ...FAST, values: only.values }))[0]];
  const records = items.map((it, i) => {
    const r: Record<string, unknown> = { k: i + 1 };
    GROUP_KEYS.forEach((key, c) => (r[key] = it.values[c]));
    return r;
  });
  const values = [JSON.stringify(records)];
  const rows = await queryPrepared<UpdatedRow & { k: number }>(db, { ...GROUP, values });
  const out: (UpdatedRow | undefined)[] = new Array(items.length).fill(undefined);
  for (const r of rows) out[r.k - 1] = r;
  return out;
}

// Concurrent sync updates share statements (and commits): a cluster restart's thousands of
// status changes cost a fraction of a statement each. A lone update runs at once, alone.
// One Coalescer per database client; on globalThis, as server.ts and Next's route bundles
// are separate module graphs over the one client.
const GROUP_IN_FLIGHT = 3;
const coalescerStore = globalThis as unknown as { __ospabVpsUpdateGroups?: WeakMap<Db, Coalescer<GroupItem, UpdatedRow | undefined>> };
function groupsOf(db: Db): Coalescer<GroupItem, UpdatedRow | undefined> {
  const all = (coalescerStore.__ospabVpsUpdateGroups ??= new WeakMap());
  let c = all.get(db);
  if (!c) {
    c = new Coalescer({ maxInFlight: GROUP_IN_FLIGHT, maxBatch: GROUP_MAX, key: (it) => String(it.id), run: (items) => updateGroup(db, items) });
    all.set(db, c);
  }
  return c;
}

/** How the grouped updates of this client went so far (tests, benchmarks). */
export function vpsUpdateGroupStats(db: Db): { groups: number; items: number } {
  return { ...groupsOf(db).stats };
}

export async function updateVps(db: Db, id: number, changes: UpdateVpsInput, audit: AuditContext = SYSTEM_AUDIT): Promise<VpsView> {
  const values: unknown[] = [id];
  for (const [key] of UPDATABLE) values.push(changes[key] !== undefined, changes[key] ?? null);
  values.push(new Date().toISOString().slice(0, -1), ...auditActorParams(audit));

  let row: UpdatedRow | undefined;
  try {
    // Setting order_id always takes the transaction (the order is checked and locked first).
    if (changes.orderId === undefined || changes.orderId === null) row = await groupsOf(db).submit({ id, values });
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
