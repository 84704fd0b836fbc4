// npm run db:migrate — applies pending migrations to DATABASE_URL (or the embedded database).
import { getEnv } from "../lib/env";
import { openDatabase } from "../lib/db";
import { migrate } from "../lib/migrate";

const env = getEnv();
const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
try {
  const { applied, total } = await migrate(db);
  console.log(applied.length ? `applied ${applied.length} migration(s): ${applied.join(", ")}` : `database is up to date (${total} migrations)`);
} finally {
  await db.close();
}
