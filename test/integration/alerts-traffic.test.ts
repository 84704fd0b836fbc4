// Traffic notices on both engines (lib/alerts/traffic-notices.ts): a VPS whose month's
// traffic (rx + tx, as GET /api/vps/:id/traffic sums it) reaches 80 % and then 100 % of its
// plan's quota gets one notification for each, once a month, with one `vps.traffic_quota`
// event each, whoever runs the check and however often (two checks at once included); a
// VPS past 100 % at once is told once; the next month starts over; preferences decide the
// channels; unmetered plans and deleted VPS are never told.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret-0123456789abcdef";
process.env.DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "ospab-int-"));

const { migrate } = await import("../../lib/migrate");
const { checkTrafficQuotas } = await import("../../lib/alerts/traffic-notices");
const { getVpsTraffic } = await import("../../lib/metrics/read-metrics");
const { engines } = await import("../support/engines");

const GB = 1e9;
const DEC = Date.UTC(2026, 11, 1);
const JAN = Date.UTC(2027, 0, 1);
const H = 3_600_000;

for (const [engine, open] of engines("ospab_alerts_traffic", 4)) {
  describe(`traffic notices on ${engine}`, () => {
    let db: Awaited<ReturnType<typeof open>>["db"];
    let drop = async () => {};
    let user: number;
    let quiet: number;
    let metered: number;

    const vpsOn = async (owner: number, quotaGb: number | null, name: string) => {
      const plan = await db.prisma.plan.create({ data: { code: `p-${name}`, name, cpu: 1, ramMb: 1024, diskGb: 10, osChoices: ["debian-12"], trafficQuotaGb: quotaGb } });
      const order = await db.prisma.order.create({ data: { userId: owner, planId: plan.id, os: "debian-12", status: "finished" } });
      return (await db.prisma.vps.create({ data: { userId: owner, name, cpu: 1, ramMb: 1024, diskGb: 10, os: "debian-12", orderId: order.id } })).id;
    };
    /** An hour of traffic in the hourly rollups (what the rollup pass writes). */
    const hour = (vpsId: number, atMs: number, rx: number, tx: number) =>
      db.sql.query(
        "INSERT INTO vps_metric_rollups (vps_id, step_seconds, bucket, samples, rx_bytes, tx_bytes) VALUES ($1, 3600, to_timestamp($2::float8 / 1000), 60, $3, $4)",
        [vpsId, atMs, rx, tx],
      );
    const notices = (vpsId: number) => db.prisma.notification.findMany({ where: { vpsId }, orderBy: { id: "asc" } });
    const events = async (vpsId: number) =>
      (await db.prisma.domainEvent.findMany({ where: { type: "vps.traffic_quota", vpsId }, orderBy: { id: "asc" } })).map((e) => e.payload as { level: number; month: string; used_bytes: number; quota_bytes: number });

    before(async () => {
      ({ db, drop } = await open());
      await migrate(db);
      user = (await db.prisma.user.create({ data: { email: `t-${engine}@example.com`, passwordHash: "x" } })).id;
      quiet = (await db.prisma.user.create({ data: { email: `tq-${engine}@example.com`, passwordHash: "x", notifyPanel: false } })).id;
      metered = await vpsOn(user, 10, "metered");
    });
    after(async () => drop());

    it("tells 80 % once and 100 % once a month, with the bytes GET /traffic reports", async () => {
      await hour(metered, DEC + 2 * H, 3 * GB, 2 * GB); // 5 of 10 GB
      await hour(metered, DEC - H, 50 * GB, 50 * GB); // November: not this month
      assert.equal(await checkTrafficQuotas(db.prisma, { now: DEC + 5 * H }), 0);
      assert.deepEqual(await notices(metered), []);

      await hour(metered, DEC + 3 * H, 2 * GB, 1.5 * GB); // 8.5 GB
      assert.equal(await checkTrafficQuotas(db.prisma, { now: DEC + 5 * H, emailAvailable: true }), 1);
      assert.equal(await checkTrafficQuotas(db.prisma, { now: DEC + 6 * H, emailAvailable: true }), 0, "once");
      const traffic = await getVpsTraffic(db.prisma, { userId: user, role: "client" }, metered, "2026-12");
      let n = await notices(metered);
      assert.deepEqual(n.map((x) => [x.kind, x.userId, x.inPanel, x.emailStatus, x.dedupeKey]), [["traffic.80", user, true, "pending", `traffic:${metered}:2026-12:80`]]);
      assert.deepEqual(n[0]!.params, { vps_name: "metered", month: "2026-12", level: 80, used_bytes: traffic.rx_bytes + traffic.tx_bytes, rx_bytes: traffic.rx_bytes, tx_bytes: traffic.tx_bytes, quota_bytes: 10 * GB });
      assert.equal(traffic.rx_bytes + traffic.tx_bytes, 8.5 * GB);

      await hour(metered, DEC + 4 * H, 1 * GB, 0.5 * GB); // exactly 10 GB
      assert.equal(await checkTrafficQuotas(db.prisma, { now: DEC + 7 * H }), 1);
      assert.equal(await checkTrafficQuotas(db.prisma, { now: DEC + 8 * H }), 0);
      n = await notices(metered);
      assert.deepEqual(n.map((x) => [x.kind, x.emailStatus]), [["traffic.80", "pending"], ["traffic.100", "off"]]);
      assert.deepEqual((await events(metered)).map((e) => [e.level, e.month, e.used_bytes, e.quota_bytes]), [[80, "2026-12", 8.5 * GB, 10 * GB], [100, "2026-12", 10 * GB, 10 * GB]]);
      // The owner's sockets are told of each (the unread count grows).
      const signals = await db.prisma.domainEvent.findMany({ where: { type: "notification", userId: user }, orderBy: { id: "asc" } });
      assert.deepEqual(signals.map((s) => (s.payload as { unread: number }).unread), [1, 2]);

      // January starts over.
      await hour(metered, JAN + H, 9 * GB, 0);
      assert.equal(await checkTrafficQuotas(db.prisma, { now: JAN + 2 * H }), 1);
      assert.deepEqual((await notices(metered)).map((x) => x.dedupeKey).slice(2), [`traffic:${metered}:2027-01:80`]);
    });

    it("past 100 % at once is told once; preferences decide; unmetered and deleted VPS are never told; two checks at once tell once", async () => {
      const jump = await vpsOn(quiet, 1, "jump");
      const free = await vpsOn(user, null, "free");
      const gone = await vpsOn(user, 1, "gone");
      await db.prisma.vps.update({ where: { id: gone }, data: { deletedAt: new Date() } });
      for (const v of [jump, free, gone]) await hour(v, DEC + H, 2 * GB, 0);
      const runs = await Promise.all([checkTrafficQuotas(db.prisma, { now: DEC + 3 * H, emailAvailable: true }), checkTrafficQuotas(db.prisma, { now: DEC + 3 * H, emailAvailable: true })]);
      assert.equal(runs[0] + runs[1], 1);
      assert.deepEqual((await notices(jump)).map((x) => [x.kind, x.inPanel, x.emailStatus]), [
        ["traffic.80", false, null],
        ["traffic.100", false, "pending"],
      ]);
      assert.deepEqual((await events(jump)).map((e) => e.level), [100]);
      assert.equal(await db.prisma.domainEvent.count({ where: { type: "notification", userId: quiet } }), 0, "notify_panel off: nothing in the centre");
      assert.deepEqual(await notices(free), []);
      assert.deepEqual(await notices(gone), []);
    });
  });
}
