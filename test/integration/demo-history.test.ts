// The demo's resource graphs (lib/demo/seed-demo-history.ts, run by npm run db:seed and by
// the first `npm run dev`): 30 days for each running VPS of the demo client, none for
// anyone else, the week's chart full, and a second run changes nothing.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret-0123456789abcdef";
process.env.DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "ospab-int-"));

const { openDatabase } = await import("../../lib/db");
const { migrate } = await import("../../lib/migrate");
const { seedDemo } = await import("../../lib/demo/seed-demo");
const { seedDemoMetricsHistory, DEMO_HISTORY_EMAIL } = await import("../../lib/demo/seed-demo-history");
const { readSeries } = await import("../../lib/metrics/read-metrics");

describe("demo resource graphs history (PGlite)", () => {
  let db: Awaited<ReturnType<typeof openDatabase>>;
  before(async () => {
    db = await openDatabase({ dataDir: mkdtempSync(path.join(tmpdir(), "ospab-pglite-")) });
    await migrate(db);
    await seedDemo(db.prisma);
  });
  after(async () => db?.close());

  it("fills a week for the demo client's running VPS only, once", async () => {
    const now = Date.now();
    const first = await seedDemoMetricsHistory(db.prisma, { days: 8, now });
    const running = await db.prisma.vps.findMany({ where: { user: { email: DEMO_HISTORY_EMAIL }, status: "running", deletedAt: null }, select: { id: true } });
    assert.ok(running.length > 0, "the demo client has running VPS");
    assert.equal(first.vps, running.length);
    assert.ok(first.samples > running.length * 47 * 60, `a minute's samples for 47 h at least, got ${first.samples}`);

    for (const { id } of running) {
      const week = await readSeries(db.prisma, id, "7d", now);
      const filled = week.points.filter((p) => p.cpu_percent !== null);
      assert.ok(filled.length >= 7 * 24 - 2, `VPS ${id}: hourly points over the week, got ${filled.length}`);
    }
    const others = await db.prisma.vps.findMany({ where: { id: { notIn: running.map((v) => v.id) } }, select: { id: true } });
    for (const { id } of others) {
      assert.equal((await readSeries(db.prisma, id, "7d", now)).points.filter((p) => p.cpu_percent !== null).length, 0, `VPS ${id} has no history`);
    }

    const again = await seedDemoMetricsHistory(db.prisma, { days: 8, now });
    assert.equal(again.samples, 0, "a second run writes nothing");
  });
});
