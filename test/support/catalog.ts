// Reads a database's schema from pg_catalog / information_schema into plain data, and
// compares two such catalogs, so a test can prove that the migrated database is the one
// schema.prisma describes. Works on PGlite and PostgreSQL alike (both are PostgreSQL).
import type { SqlRunner } from "../../lib/db";

/** Prisma Migrate's bookkeeping table: not part of the domain schema. */
const IGNORED_TABLES = ["_prisma_migrations"];

type Entry = Record<string, string | boolean | null>;
/** section → object key (e.g. `vps.name`) → attributes. */
export type Catalog = Record<Section, Record<string, Entry>>;
export type Section = "tables" | "columns" | "enums" | "indexes" | "primaryKeys" | "foreignKeys" | "constraints";
const SECTIONS: Section[] = ["tables", "columns", "enums", "indexes", "primaryKeys", "foreignKeys", "constraints"];

const FK_ACTION: Record<string, string> = { a: "NO ACTION", r: "RESTRICT", c: "CASCADE", n: "SET NULL", d: "SET DEFAULT" };

export async function readCatalog(sql: SqlRunner, schema = "public"): Promise<Catalog> {
  const ignored = IGNORED_TABLES;
  const tables = await sql.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = $1 AND table_type = 'BASE TABLE' AND NOT (table_name = ANY($2::text[]))`,
    [schema, ignored],
  );
  const columns = await sql.query<{
    table_name: string;
    column_name: string;
    data_type: string;
    udt_name: string;
    is_nullable: string;
    column_default: string | null;
    character_maximum_length: number | null;
    numeric_precision: number | null;
    numeric_scale: number | null;
    datetime_precision: number | null;
    is_identity: string;
  }>(
    `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default,
            character_maximum_length, numeric_precision, numeric_scale, datetime_precision, is_identity
       FROM information_schema.columns
      WHERE table_schema = $1 AND NOT (table_name = ANY($2::text[]))`,
    [schema, ignored],
  );
  const enums = await sql.query<{ name: string; labels: string[] | string }>(
    `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = $1 GROUP BY t.typname`,
    [schema],
  );
  const indexes = await sql.query<{
    table_name: string;
    index_name: string;
    columns: string[] | string;
    is_unique: boolean;
    is_primary: boolean;
    definition: string;
  }>(
    `SELECT t.relname AS table_name, i.relname AS index_name,
            array(SELECT pg_get_indexdef(x.indexrelid, k.n::int, true)
                    FROM generate_series(1, x.indnatts) AS k(n) ORDER BY k.n) AS columns,
            x.indisunique AS is_unique, x.indisprimary AS is_primary,
            pg_get_indexdef(x.indexrelid) AS definition
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = $1 AND NOT (t.relname = ANY($2::text[]))`,
    [schema, ignored],
  );
  const constraints = await sql.query<{
    table_name: string;
    name: string;
    type: string;
    columns: string[] | string;
    ref_table: string | null;
    ref_columns: string[] | string | null;
    on_delete: string;
    on_update: string;
    definition: string;
  }>(
    `SELECT t.relname AS table_name, c.conname AS name, c.contype::text AS type,
            array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
            r.relname AS ref_table,
            CASE WHEN c.confkey IS NULL THEN NULL ELSE
              array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, ord)
                      JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.ord) END AS ref_columns,
            c.confdeltype::text AS on_delete, c.confupdtype::text AS on_update,
            pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       LEFT JOIN pg_class r ON r.oid = c.confrelid
      WHERE n.nspname = $1 AND NOT (t.relname = ANY($2::text[]))
        AND c.contype <> 'n'`, // PostgreSQL 18's NOT NULL constraints: already in columns.nullable
    [schema, ignored],
  );

  const catalog = Object.fromEntries(SECTIONS.map((s) => [s, {}])) as Catalog;
  for (const t of tables) catalog.tables[t.table_name] = {};
  for (const c of columns) {
    catalog.columns[`${c.table_name}.${c.column_name}`] = {
      type: c.data_type,
      udt: c.udt_name, // `_text` for text[], the enum's name for enum columns
      nullable: c.is_nullable === "YES",
      default: c.column_default,
      length: c.character_maximum_length?.toString() ?? null,
      precision: c.numeric_precision != null ? `${c.numeric_precision},${c.numeric_scale ?? 0}` : null,
      timePrecision: c.datetime_precision?.toString() ?? null,
      identity: c.is_identity === "YES",
    };
  }
  for (const e of enums) catalog.enums[e.name] = { labels: list(e.labels).join(", ") };
  for (const i of indexes) {
    catalog.indexes[`${i.table_name}.${i.index_name}`] = {
      columns: list(i.columns).join(", "),
      unique: i.is_unique,
      primary: i.is_primary,
      definition: i.definition,
    };
  }
  for (const c of constraints) {
    const key = `${c.table_name}.${c.name}`;
    if (c.type === "p") catalog.primaryKeys[key] = { columns: list(c.columns).join(", ") };
    else if (c.type === "f")
      catalog.foreignKeys[key] = {
        columns: list(c.columns).join(", "),
        references: `${c.ref_table}(${list(c.ref_columns ?? []).join(", ")})`,
        onDelete: FK_ACTION[c.on_delete] ?? c.on_delete,
        onUpdate: FK_ACTION[c.on_update] ?? c.on_update,
      };
    else catalog.constraints[key] = { type: c.type, definition: c.definition };
  }
  return catalog;
}

/** node-postgres parses text[] into arrays; PGlite may hand back the literal `{a,b}`. */
function list(v: string[] | string): string[] {
  if (Array.isArray(v)) return v;
  const inner = v.replace(/^\{|\}$/g, "");
  return inner === "" ? [] : inner.split(",").map((s) => s.replace(/^"|"$/g, ""));
}

/**
 * Every difference between the expected catalog (from schema.prisma) and the actual one
 * (from our migrations), one readable line each; empty when they match.
 */
export function compareCatalogs(expected: Catalog, actual: Catalog): string[] {
  const out: string[] = [];
  for (const section of SECTIONS) {
    const e = expected[section] ?? {};
    const a = actual[section] ?? {};
    for (const key of [...new Set([...Object.keys(e), ...Object.keys(a)])].sort()) {
      if (!(key in a)) {
        out.push(`${section} ${key}: missing from the migrated database (schema.prisma has ${describe(e[key])})`);
        continue;
      }
      if (!(key in e)) {
        out.push(`${section} ${key}: in the migrated database (${describe(a[key])}) but not in schema.prisma`);
        continue;
      }
      for (const attr of [...new Set([...Object.keys(e[key]), ...Object.keys(a[key])])].sort()) {
        if (e[key][attr] !== a[key][attr])
          out.push(`${section} ${key}: ${attr} is ${JSON.stringify(a[key][attr])} in the migrated database, ${JSON.stringify(e[key][attr])} in schema.prisma`);
      }
    }
  }
  return out;
}

function describe(entry: Entry | undefined) {
  const parts = Object.entries(entry ?? {})
    .filter(([, v]) => v !== null && v !== false)
    .map(([k, v]) => (v === true ? k : `${k}=${v}`));
  return parts.length ? parts.join(" ") : "it";
}
