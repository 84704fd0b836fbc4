// Both database engines an integration test runs on: PGlite in a fresh directory, and a
// fresh PostgreSQL database (dropped afterwards). Import after setting the test's env.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "../../lib/db";
import { createTestDatabase } from "./pg";

export type Database = Awaited<ReturnType<typeof openDatabase>>;
export type Engine = [name: string, open: () => Promise<{ db: Database; drop: () => Promise<void> }>];

export function engines(pgPrefix: string, poolSize: number): Engine[] {
  return [
    ["PGlite", async () => {
      const db = await openDatabase({ dataDir: mkdtempSync(path.join(tmpdir(), "ospab-pglite-")) });
      return { db, drop: async () => db.close() };
    }],
    ["PostgreSQL", async () => {
      const t = await createTestDatabase(pgPrefix);
      const db = await openDatabase({ databaseUrl: t.url, poolSize });
      return { db, drop: async () => { await db.close(); await t.drop(); } };
    }],
  ];
}
