// The migrated database is exactly what schema.prisma describes, on both engines.
// A: our migrations applied by lib/migrate.ts (what the panel does at start).
// B: the whole schema as SQL from Prisma's own engine (`diff.sh --stdout`, prisma 6 wasm,
//    offline) applied to an empty database of the same engine.
// Their catalogs (tables, columns, enums, indexes, keys, constraints) must be equal.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { openDatabase, type Database } from "../../lib/db";
import { migrate } from "../../lib/migrate";
import { compareCatalogs, readCatalog } from "../support/catalog";
import { ROOT } from "../support/panel";
import { createTestDatabase } from "../support/pg";

let schemaSql: string;

/** Indexes schema.prisma cannot express (a partial index with INCLUDE), made by a migration
 *  and named in schema.prisma's comments: each must be in the migrated database exactly so
 *  (and is then left out of the comparison). */
const SQL_ONLY_INDEXES: Record<string, string> = {
  "vps_metric_rollups.vps_metric_rollups_hourly_read_idx":
    "CREATE INDEX vps_metric_rollups_hourly_read_idx ON public.vps_metric_rollups USING btree (vps_id, bucket) INCLUDE (samples, cpu_avg, cpu_max, ram_avg, disk_read_avg, disk_write_avg, net_rx_avg, net_tx_avg) WHERE (step_seconds = 3600)",
};

before(() => {
  schemaSql = execFileSync("bash", [path.join(ROOT, "tools/prisma-migrate/diff.sh"), "--stdout"], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 180_000,
  });
  assert.match(schemaSql, /CREATE TABLE "users"/, "diff.sh printed no schema");
});

async function assertSameSchema(migrated: Database, fromPrisma: Database) {
  const result = await migrate(migrated, path.join(ROOT, "prisma/migrations"));
  assert.ok(result.total > 0);
  await fromPrisma.sql.exec(schemaSql);
  const expected = await readCatalog(fromPrisma.sql);
  const actual = await readCatalog(migrated.sql);
  // Guard against a vacuous pass (e.g. reading the wrong schema).
  assert.ok(Object.keys(expected.tables).length >= 10, "too few tables read from the catalog");
  assert.ok(Object.keys(expected.foreignKeys).length > 0 && Object.keys(expected.enums).length > 0);
  for (const [key, definition] of Object.entries(SQL_ONLY_INDEXES)) {
    assert.equal(actual.indexes[key]?.definition, definition, `${key}: the migrations' SQL-only index`);
    delete actual.indexes[key];
  }
  const diff = compareCatalogs(expected, actual);
  assert.deepEqual(diff, [], `migrations differ from schema.prisma:\n  ${diff.join("\n  ")}`);
}

describe("migrated database matches schema.prisma", () => {
  it("on PGlite", async () => {
    const dirs = [mkdtempSync(path.join(tmpdir(), "ospab-schema-a-")), mkdtempSync(path.join(tmpdir(), "ospab-schema-b-"))];
    const a = await openDatabase({ dataDir: dirs[0] });
    const b = await openDatabase({ dataDir: dirs[1] });
    try {
      assert.equal(a.kind, "pglite");
      await assertSameSchema(a, b);
    } finally {
      await a.close();
      await b.close();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    }
  });

  describe("on PostgreSQL", () => {
    const dbs: { url: string; drop(): Promise<void> }[] = [];
    after(async () => {
      for (const d of dbs) await d.drop();
    });
    it("matches", async () => {
      dbs.push(await createTestDatabase("ospab_schema"), await createTestDatabase("ospab_schema"));
      const a = await openDatabase({ databaseUrl: dbs[0].url, poolSize: 2 });
      const b = await openDatabase({ databaseUrl: dbs[1].url, poolSize: 2 });
      try {
        assert.equal(a.kind, "postgres");
        await assertSameSchema(a, b);
      } finally {
        await a.close();
        await b.close();
      }
    });
  });
});
