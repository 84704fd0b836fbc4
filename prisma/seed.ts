// npm run db:seed — demo data (idempotent). Applies pending migrations first.
import { getEnv } from "../lib/env";
import { openDatabase } from "../lib/db";
import { migrate } from "../lib/migrate";
import { seedDemo } from "../lib/demo/seed-demo";
import { seedMetricsHistory } from "../lib/metrics/seed-history";
import { simulatedSample } from "../examples/main-site/src/metrics";

const env = getEnv();
const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
try {
  await migrate(db);
  const { created } = await seedDemo(db.prisma);
  console.log(created ? `demo data: ${created} records created` : "demo data: already present, nothing changed");
  // 30 days of resource graphs for the demo client's running VPS (the same generator the
  // reference main site pushes every minute).
  const demoVps = await db.prisma.vps.findMany({
    where: { user: { email: "client@ospab.local" }, status: "running", deletedAt: null },
    select: { id: true, ramMb: true },
  });
  const samples = await seedMetricsHistory(db.prisma, demoVps.map((v) => ({ id: v.id, ram: v.ramMb })), simulatedSample);
  console.log(samples ? `resource graphs: ${samples} samples of history for ${demoVps.length} VPS` : "resource graphs: history already present");
} finally {
  await db.close();
}
