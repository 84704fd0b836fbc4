// lib/migrate.ts: idempotent, and a failing migration leaves nothing behind (no half-applied
// schema, no record), so fixing it and starting again just works.
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { openDatabase, type Database } from "../../lib/db";
import { listMigrations, migrate } from "../../lib/migrate";
import { ROOT } from "../support/panel";
import { createTestDatabase } from "../support/pg";

const REAL = path.join(ROOT, "prisma/migrations");
const BROKEN = "29991231000000_broken_probe";

/** A copy of the real migrations plus one whose second statement fails. */
function migrationsWithBroken() {
  const dir = mkdtempSync(path.join(tmpdir(), "ospab-migrations-"));
  cpSync(REAL, dir, { recursive: true });
  mkdirSync(path.join(dir, BROKEN));
  writeFileSync(
    path.join(dir, BROKEN, "migration.sql"),
    `CREATE TABLE "broken_probe" ("id" INTEGER NOT NULL);\nALTER TABLE "users" ADD COLUMN "probe" TEXT;\nINSERT INTO "no_such_table" VALUES (1);\n`,
  );
  return dir;
}

async function records(db: Database) {
  return (await db.sql.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`)).map(
    (r) => r.migration_name,
  );
}

async function tableExists(db: Database, name: string) {
  const rows = await db.sql.query<{ t: string | null }>(`SELECT to_regclass($1)::text AS t`, [`public.${name}`]);
  return rows[0].t !== null;
}

async function columnExists(db: Database, table: string, column: string) {
  const rows = await db.sql.query(`SELECT 1 FROM information_schema.columns WHERE table_name = $1 AND column_name = $2`, [table, column]);
  return rows.length > 0;
}

/** The same checks on either engine. */
function migrateBehaviour(open: () => Promise<Database>) {
  let db: Database;
  const dirs: string[] = [];
  before(async () => {
    db = await open();
  });
  after(async () => {
    await db?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("applies every migration once; a second run applies nothing", async () => {
    const names = listMigrations(REAL).map((m) => m.name);
    const first = await migrate(db, REAL);
    assert.deepEqual(first.applied, names);
    assert.equal(first.total, names.length);
    const second = await migrate(db, REAL);
    assert.deepEqual(second.applied, []);
    assert.equal(second.total, names.length);
    assert.deepEqual(await records(db), names);
    assert.ok(await tableExists(db, "vps"));
  });

  it("a failing migration rolls back whole, leaves no record, and can be fixed and re-run", async () => {
    const dir = migrationsWithBroken();
    dirs.push(dir);
    const before = await records(db);
    await assert.rejects(migrate(db, dir), (err: Error) => {
      assert.match(err.message, new RegExp(`^migration ${BROKEN} failed: .*no_such_table`));
      return true;
    });
    assert.equal(await tableExists(db, "broken_probe"), false, "the failed migration's first statement was rolled back");
    assert.equal(await columnExists(db, "users", "probe"), false);
    assert.deepEqual(await records(db), before, "no record of the failed migration");
    // The connection is usable afterwards (not stuck in an aborted transaction).
    assert.equal((await db.sql.query<{ n: number }>("SELECT 1 AS n"))[0].n, 1);

    writeFileSync(path.join(dir, BROKEN, "migration.sql"), `CREATE TABLE "broken_probe" ("id" INTEGER NOT NULL);\n`);
    const fixed = await migrate(db, dir);
    assert.deepEqual(fixed.applied, [BROKEN]);
    assert.ok(await tableExists(db, "broken_probe"));
    assert.deepEqual(await records(db), [...before, BROKEN]);
  });
}

describe("migrate on PGlite", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "ospab-migrate-"));
  after(() => rmSync(dataDir, { recursive: true, force: true }));
  migrateBehaviour(() => openDatabase({ dataDir }));
});

describe("migrate on PostgreSQL", () => {
  let pg: Awaited<ReturnType<typeof createTestDatabase>>;
  after(async () => {
    await pg?.drop();
  });
  migrateBehaviour(async () => {
    pg = await createTestDatabase("ospab_migrate");
    return openDatabase({ databaseUrl: pg.url, poolSize: 3 });
  });

  it("panel processes starting together: one applies, the other waits and applies nothing", async () => {
    const shared = await createTestDatabase("ospab_migrate_race");
    const a = await openDatabase({ databaseUrl: shared.url, poolSize: 2 });
    const b = await openDatabase({ databaseUrl: shared.url, poolSize: 2 });
    try {
      const [ra, rb] = await Promise.all([migrate(a, REAL), migrate(b, REAL)]);
      const total = listMigrations(REAL).length;
      assert.equal(ra.applied.length + rb.applied.length, total);
      assert.ok(ra.applied.length === 0 || rb.applied.length === 0);
      assert.equal(Number((await a.sql.query<{ n: string }>(`SELECT count(*) AS n FROM "_prisma_migrations"`))[0].n), total);
    } finally {
      await a.close();
      await b.close();
      await shared.drop();
    }
  });
});
