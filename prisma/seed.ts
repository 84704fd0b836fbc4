// npm run db:seed — demo data (idempotent). Applies pending migrations first.
import { getEnv } from "../lib/env";
import { openDatabase } from "../lib/db";
import { migrate } from "../lib/migrate";
import { seedDemo } from "../lib/demo/seed-demo";

const env = getEnv();
const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
try {
  await migrate(db);
  const { created } = await seedDemo(db.prisma);
  console.log(created ? `demo data: ${created} records created` : "demo data: already present, nothing changed");
} finally {
  await db.close();
}
