// 30 days of resource graphs for the demo client's running VPS, from the generator the
// reference main site pushes every minute: by `npm run db:seed`, and by `npm run dev` on
// the run that creates the demo data, so a first run's week, month and year charts are not
// empty. Skipped for a VPS that has history already (lib/metrics/seed-history.ts).
import type { Db } from "../db";
import { seedMetricsHistory } from "../metrics/seed-history";
import { simulatedSample } from "../../examples/main-site/src/metrics";

export const DEMO_HISTORY_EMAIL = "client@ospab.local";

export async function seedDemoMetricsHistory(db: Db, opts?: { days?: number; now?: number }): Promise<{ samples: number; vps: number }> {
  const demoVps = await db.vps.findMany({
    where: { user: { email: DEMO_HISTORY_EMAIL }, status: "running", deletedAt: null },
    select: { id: true, ramMb: true },
  });
  const samples = await seedMetricsHistory(db, demoVps.map((v) => ({ id: v.id, ram: v.ramMb })), simulatedSample, opts);
  return { samples, vps: demoVps.length };
}
