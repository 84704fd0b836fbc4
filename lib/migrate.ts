// Applies prisma/migrations/*/migration.sql in order, recording them in Prisma's own
// `_prisma_migrations` table so `prisma migrate deploy` agrees on what is applied.
// Needed for the embedded database and wherever Prisma's native engine can't be fetched.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Database, SqlRunner } from "./db";

const LOCK_ID = 72707369; // the advisory lock key Prisma Migrate uses

export interface MigrationResult {
  applied: string[];
  total: number;
}

export function listMigrations(dir: string) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export async function migrate(
  db: Database,
  dir = path.resolve(process.cwd(), "prisma/migrations"),
): Promise<MigrationResult> {
  const migrations = listMigrations(dir);
  if (migrations.length === 0) throw new Error(`no migrations found in ${dir}`);
  // One dedicated connection: the advisory lock and the transactions live on it.
  const conn = db.pool ? await db.pool.connect() : undefined;
  const sql: SqlRunner = conn
    ? {
        query: async (q, p) => (await conn.query(q, p as unknown[])).rows,
        exec: async (q) => {
          await conn.query(q);
        },
      }
    : db.sql;
  // Several panel processes may start together: one migrates, the others wait.
  if (conn) await sql.query("SELECT pg_advisory_lock($1)", [LOCK_ID]);
  try {
    await sql.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const done = await sql.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const byName = new Map(done.map((r) => [r.migration_name, r]));
    const applied: string[] = [];
    for (const m of migrations) {
      const prev = byName.get(m.name);
      if (prev?.finished_at) {
        if (prev.checksum !== m.checksum)
          console.warn(`migration ${m.name} was edited after it was applied (checksum differs)`);
        continue;
      }
      if (prev) throw new Error(`migration ${m.name} failed earlier and needs manual attention`);
      const id = randomUUID();
      // The migration and its record commit together, or neither does.
      await sql.exec(
        `BEGIN;\n${m.sql}\n;INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count) VALUES ('${id}', '${m.checksum}', '${m.name.replace(/'/g, "''")}', now(), 1);\nCOMMIT;`,
      ).catch(async (err) => {
        await sql.exec("ROLLBACK").catch(() => {});
        throw new Error(`migration ${m.name} failed: ${(err as Error).message}`);
      });
      applied.push(m.name);
    }
    return { applied, total: migrations.length };
  } finally {
    if (conn) {
      await sql.query("SELECT pg_advisory_unlock($1)", [LOCK_ID]).catch(() => {});
      conn.release();
    }
  }
}
