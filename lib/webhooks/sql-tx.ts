// A transaction with plain SQL, for the hot paths of webhook delivery: on PostgreSQL a
// pooled pg client (BEGIN … COMMIT — far cheaper than a Prisma interactive transaction at
// hundreds of events per second), on the embedded PGlite a Prisma transaction.
import type { Database } from "../db";

export type Query = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

export async function sqlTransaction<R>(db: Database, fn: (q: Query) => Promise<R>): Promise<R> {
  if (!db.pool) {
    return db.prisma.$transaction((tx) => fn(<T,>(sql: string, params: unknown[] = []) => tx.$queryRawUnsafe<T[]>(sql, ...params)));
  }
  const client = await db.pool.connect();
  let failed: Error | undefined;
  try {
    await client.query("BEGIN");
    const result = await fn(async <T,>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[]);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    failed = err as Error;
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    // After an error the connection may be broken (server restart): discard it.
    client.release(failed);
  }
}
