// npm run db:seed — demo data (idempotent). Applies pending migrations first.
import { getEnv } from "../lib/env";
import { openDatabase } from "../lib/db";
import { migrate } from "../lib/migrate";
import { seedDemo } from "../lib/demo/seed-demo";
import { seedDemoMetricsHistory } from "../lib/demo/seed-demo-history";

const env = getEnv();
const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
try {
  await migrate(db);
  const { created } = await seedDemo(db.prisma);
  console.log(created ? `demo data: ${created} records created` : "demo data: already present, nothing changed");
  // 30 days of resource graphs for the demo client's running VPS (the same generator the
  // reference main site pushes every minute).
  const history = await seedDemoMetricsHistory(db.prisma);
  console.log(history.samples ? `resource graphs: ${history.samples} samples of history for ${history.vps} VPS` : "resource graphs: history already present");
} finally {
  await db.close();
}
