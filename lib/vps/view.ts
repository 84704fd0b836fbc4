// The public shape of a VPS (snake_case, as in the sync contract). Browser-safe.
//
// One field list, VPS_FIELDS, defines it: the wire name, the Prisma row's property, the SQL
// column and its kind. toVpsView (TypeScript, from a Prisma row) and vpsViewSql (the same
// object built by PostgreSQL inside a statement, lib/vps/update-vps.ts) are both generated
// from it, so the two cannot drift (test/integration/vps-view.test.ts compares them field
// by field on PGlite and PostgreSQL).
export const VPS_STATUSES = ["creating", "running", "stopped", "suspended", "error", "deleting"] as const;
export type VpsStatus = (typeof VPS_STATUSES)[number];

interface KindTypes {
  int: number;
  "int?": number | null;
  text: string;
  "text?": string | null;
  status: VpsStatus;
  /** timestamp(3) without time zone holding UTC; on the wire ISO 8601 with `Z`. */
  timestamp: Date;
}
type Kind = keyof KindTypes;
type WireTypes = { [K in Kind]: KindTypes[K] extends Date ? string : KindTypes[K] };

interface Field {
  wire: string;
  row: string;
  column: string;
  kind: Kind;
}

/** In wire order (the order of the keys in every reply). */
export const VPS_FIELDS = [
  { wire: "id", row: "id", column: "id", kind: "int" },
  { wire: "user_id", row: "userId", column: "user_id", kind: "int" },
  { wire: "name", row: "name", column: "name", kind: "text" },
  { wire: "status", row: "status", column: "status", kind: "status" },
  { wire: "cpu", row: "cpu", column: "cpu", kind: "int" },
  { wire: "ram", row: "ramMb", column: "ram_mb", kind: "int" }, // MB
  { wire: "disk", row: "diskGb", column: "disk_gb", kind: "int" }, // GB
  { wire: "os", row: "os", column: "os", kind: "text" },
  { wire: "hypervisor", row: "hypervisor", column: "hypervisor", kind: "text" },
  { wire: "ip_address", row: "ipAddress", column: "ip_address", kind: "text?" },
  { wire: "order_id", row: "orderId", column: "order_id", kind: "int?" },
  { wire: "created_at", row: "createdAt", column: "created_at", kind: "timestamp" },
  { wire: "updated_at", row: "updatedAt", column: "updated_at", kind: "timestamp" },
] as const satisfies readonly Field[];

type Fields = (typeof VPS_FIELDS)[number];
/** The wire shape. */
export type VpsView = { [F in Fields as F["wire"]]: WireTypes[F["kind"]] };
/** The Prisma row's fields the view is made of. */
export type VpsRow = { [F in Fields as F["row"]]: KindTypes[F["kind"]] };

export function toVpsView(v: VpsRow): VpsView {
  const out: Record<string, unknown> = {};
  for (const f of VPS_FIELDS) {
    const value = v[f.row];
    out[f.wire] = f.kind === "timestamp" ? (value as Date).toISOString() : value;
  }
  return out as VpsView;
}

const SQL_ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/**
 * The same object built in SQL from the VPS columns of `alias` (a table or CTE name):
 * `json_build_object(...)`, keys in wire order (json keeps them; jsonb would sort them).
 */
export function vpsViewSql(alias: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error(`vpsViewSql: bad alias ${alias}`);
  const pairs = VPS_FIELDS.map((f) => {
    const col = `${alias}.${f.column}`;
    return `'${f.wire}', ${f.kind === "timestamp" ? `to_char(${col}, ${SQL_ISO})` : col}`;
  });
  return `json_build_object(${pairs.join(", ")})`;
}
