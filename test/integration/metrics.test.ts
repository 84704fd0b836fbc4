// Resource graphs on both engines: the ingest writes good samples in one statement and
// rejects the rest one by one; a rollup pass rebuilds exactly the 5-minute and hourly
// buckets a computation done here gets from the same samples (averages, CPU peak, traffic
// with each sample covering the time since the previous one, at most 5 minutes); a repeated
// sample replaces the old one and its buckets are rebuilt; one pass at a time across
// processes; retention keeps 48 h / 35 days / 400 days.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret-0123456789abcdef";
process.env.DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "ospab-int-"));

const { migrate } = await import("../../lib/migrate");
const { ingestSamples, writeSamples } = await import("../../lib/metrics/ingest-samples");
const { runRollupPass, ROLLUP_LOCK_KEY } = await import("../../lib/metrics/rollup");
const { pruneMetrics } = await import("../../lib/metrics/retention");
const { getVpsMetrics, readSeries } = await import("../../lib/metrics/read-metrics");
const { engines } = await import("../support/engines");
type Database = Awaited<ReturnType<(typeof engines extends (...a: never[]) => infer R ? R : never) extends (infer E)[] ? E extends [string, () => Promise<{ db: infer D }>] ? () => Promise<D> : never : never>>;

const MIN = 60_000;
const f = Math.fround;

interface Sample {
  vps_id: number;
  at: string;
  cpu_percent?: number | null;
  ram_used_mb?: number;
  disk_read_bps?: number;
  disk_write_bps?: number;
  net_rx_bps?: number;
  net_tx_bps?: number;
}

/** A deterministic pseudo-random series: irregular intervals, a gap over 5 minutes, nulls. */
function series(vpsId: number, startMs: number, count: number, seed = 7): Sample[] {
  let x = seed;
  const rnd = () => ((x = (x * 48271) % 2147483647) / 2147483647);
  const out: Sample[] = [];
  let t = startMs;
  for (let i = 0; i < count; i++) {
    t += i === 40 ? 9 * MIN : Math.round(30_000 + rnd() * 60_000);
    out.push({
      vps_id: vpsId,
      at: new Date(t).toISOString(),
      cpu_percent: i % 17 === 3 ? null : Math.round(rnd() * 10000) / 100,
      ram_used_mb: 512 + Math.round(rnd() * 1024),
      disk_read_bps: Math.round(rnd() * 5e6),
      disk_write_bps: Math.round(rnd() * 2e6),
      net_rx_bps: Math.round(rnd() * 1.25e7),
      ...(i % 11 === 5 ? {} : { net_tx_bps: Math.round(rnd() * 2.5e6) }),
    });
  }
  return out;
}

interface Expected {
  n: number;
  cpu_avg: number | null;
  cpu_max: number | null;
  ram_avg: number | null;
  net_rx_avg: number | null;
  rx_bytes: number;
  tx_bytes: number;
}

/** The rollups of `samples` (one VPS, sorted), computed here, for a step. */
function expectedRollups(samples: Sample[], step: number): Map<number, Expected> {
  const out = new Map<number, Expected & { sums: Record<string, [number, number]> }>();
  samples.forEach((s, i) => {
    const at = Date.parse(s.at);
    const prev = i > 0 ? Date.parse(samples[i - 1]!.at) : undefined;
    const secs = prev !== undefined && at - prev <= 5 * MIN ? (at - prev) / 1000 : 60;
    const b = Math.floor(at / (step * 1000)) * step * 1000;
    const e = out.get(b) ?? { n: 0, cpu_avg: null, cpu_max: null, ram_avg: null, net_rx_avg: null, rx_bytes: 0, tx_bytes: 0, sums: {} };
    out.set(b, e);
    e.n++;
    const add = (k: string, v: number | null | undefined) => {
      if (v === null || v === undefined) return;
      const [sum, c] = e.sums[k] ?? [0, 0];
      e.sums[k] = [sum + f(v), c + 1];
    };
    add("cpu", s.cpu_percent);
    add("ram", s.ram_used_mb);
    add("rx", s.net_rx_bps);
    if (s.cpu_percent !== null && s.cpu_percent !== undefined) e.cpu_max = Math.max(e.cpu_max ?? 0, f(s.cpu_percent));
    e.rx_bytes += f(s.net_rx_bps ?? 0) * secs;
    e.tx_bytes += f(s.net_tx_bps ?? 0) * secs;
  });
  for (const e of out.values()) {
    const avg = (k: string) => (e.sums[k] ? e.sums[k]![0] / e.sums[k]![1] : null);
    e.cpu_avg = avg("cpu");
    e.ram_avg = avg("ram");
    e.net_rx_avg = avg("rx");
  }
  return out;
}

const close = (actual: number | null, expected: number | null, what: string) => {
  if (expected === null) return assert.equal(actual, null, what);
  assert.ok(actual !== null, `${what}: null, expected ${expected}`);
  assert.ok(Math.abs(actual - expected) <= Math.max(1e-3, Math.abs(expected) * 1e-5), `${what}: ${actual} ≠ ${expected}`);
};

async function assertRollups(db: Database, vpsId: number, samples: Sample[]) {
  for (const step of [300, 3600]) {
    const rows = await db.sql.query<{ b: number; samples: number; cpu_avg: number | null; cpu_max: number | null; ram_avg: number | null; net_rx_avg: number | null; rx_bytes: number; tx_bytes: number }>(
      `SELECT extract(epoch FROM bucket)::float8 * 1000 AS b, samples, cpu_avg, cpu_max, ram_avg, net_rx_avg, rx_bytes, tx_bytes
         FROM vps_metric_rollups WHERE vps_id = $1 AND step_seconds = $2 ORDER BY bucket`,
      [vpsId, step],
    );
    const expected = expectedRollups(samples, step);
    assert.deepEqual(rows.map((r) => Number(r.b)), [...expected.keys()].sort((a, b) => a - b), `step ${step}: the buckets`);
    for (const r of rows) {
      const e = expected.get(Number(r.b))!;
      const at = `step ${step} bucket ${new Date(Number(r.b)).toISOString()}`;
      assert.equal(Number(r.samples), e.n, `${at}: samples`);
      close(r.cpu_avg, e.cpu_avg, `${at}: cpu_avg`);
      close(r.cpu_max, e.cpu_max, `${at}: cpu_max`);
      close(r.ram_avg, e.ram_avg, `${at}: ram_avg`);
      close(r.net_rx_avg, e.net_rx_avg, `${at}: net_rx_avg`);
      close(Number(r.rx_bytes), e.rx_bytes, `${at}: rx_bytes`);
      close(Number(r.tx_bytes), e.tx_bytes, `${at}: tx_bytes`);
    }
  }
}

for (const [engine, open] of engines("ospab_metrics", 4)) {
  describe(`resource graphs on ${engine}`, () => {
    let db: Database;
    let drop = async () => {};
    let vpsA: number;
    let vpsB: number;
    let gone: number;
    let ownerId: number;
    const now = Date.now();

    before(async () => {
      ({ db, drop } = await open());
      await migrate(db);
      const user = await db.prisma.user.create({ data: { email: `m-${engine}@example.com`, passwordHash: "x" } });
      ownerId = user.id;
      const mk = async (name: string, deleted = false) =>
        (await db.prisma.vps.create({ data: { userId: user.id, name, cpu: 2, ramMb: 2048, diskGb: 20, os: "debian-12", deletedAt: deleted ? new Date() : null } })).id;
      vpsA = await mk("a");
      vpsB = await mk("b");
      gone = await mk("gone", true);
    });
    after(async () => {
      await drop();
    });

    it("ingests good samples and rejects each bad one with its index and reason", async () => {
      const at = new Date(now - 10 * MIN).toISOString();
      const r = await ingestSamples(db.prisma, [
        { vps_id: vpsA, at, cpu_percent: 12.5 },
        { vps_id: vpsA, at: "yesterday" },
        { vps_id: 999_999, at },
        { vps_id: gone, at },
        { vps_id: vpsA, at: new Date(now - 48 * 3_600_000).toISOString() },
        { vps_id: vpsA, at: new Date(now + 10 * MIN).toISOString() },
        { vps_id: vpsB, at, cpu_percent: 140 },
        { vps_id: vpsB, at, net_rx_bps: -1 },
        "not a sample",
        { vps_id: vpsB, at },
      ], now);
      assert.equal(r.accepted, 2);
      assert.deepEqual(r.rejected.map((x) => x.index), [1, 2, 3, 4, 5, 6, 7, 8]);
      assert.match(r.rejected[0]!.message, /^at: /);
      assert.equal(r.rejected[1]!.message, "VPS 999999 not found");
      assert.equal(r.rejected[2]!.message, `VPS ${gone} not found`);
      assert.match(r.rejected[3]!.message, /47 hours/);
      assert.match(r.rejected[4]!.message, /ahead/);
      assert.match(r.rejected[5]!.message, /^cpu_percent: /);
      assert.match(r.rejected[6]!.message, /^net_rx_bps: /);
      const rows = await db.sql.query<{ vps_id: number; cpu_percent: number | null }>("SELECT vps_id, cpu_percent FROM vps_metric_samples ORDER BY vps_id");
      assert.deepEqual(rows.map((x) => [x.vps_id, x.cpu_percent]), [[vpsA, 12.5], [vpsB, null]]);
      await db.sql.exec("DELETE FROM vps_metric_samples; DELETE FROM vps_metric_dirty");
    });

    it("rollups equal the computation done here, and follow a repeated sample", async () => {
      const start = Math.floor((now - 6 * 3_600_000) / 3_600_000) * 3_600_000 + 17_000;
      const samples = series(vpsA, start, 300);
      const other = series(vpsB, start, 120, 99);
      // Two requests, shuffled order, the second holding a duplicate of the first's last sample.
      const r1 = await ingestSamples(db.prisma, [...samples.slice(0, 200)].reverse(), now);
      const r2 = await ingestSamples(db.prisma, [...other, ...samples.slice(199)], now);
      assert.deepEqual([r1.accepted, r1.rejected, r2.accepted, r2.rejected], [200, [], 221, []]);
      const pass = await runRollupPass(db.prisma, { batch: 7 });
      assert.ok(pass.ran && pass.buckets > 7, "several batches ran");
      await assertRollups(db, vpsA, samples);
      await assertRollups(db, vpsB, other);
      const [{ n }] = await db.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM vps_metric_dirty");
      assert.equal(n, 0, "every mark taken");

      // Replace a sample (new values, same vps_id and at), and add a late one in the gap.
      const changed = samples.map((s, i) => (i === 120 ? { ...s, cpu_percent: 99.5, net_rx_bps: 1e8 } : s));
      const late: Sample = { vps_id: vpsA, at: new Date(Date.parse(samples[40]!.at) - 4 * MIN).toISOString(), cpu_percent: 1, net_rx_bps: 10 };
      const r3 = await ingestSamples(db.prisma, [changed[120]!, late], now);
      assert.equal(r3.accepted, 2);
      await runRollupPass(db.prisma);
      const all = [...changed, late].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
      await assertRollups(db, vpsA, all);

      // The chart reads: 24h from the 5-minute rollups, 1h from the raw samples by minute.
      const day = await readSeries(db.prisma, vpsA, "24h", now);
      assert.equal(day.step_seconds, 300);
      assert.equal(day.points.length, expectedRollups(all, 300).size);
      const month = await readSeries(db.prisma, vpsA, "30d", now);
      assert.equal(month.step_seconds, 3600);
      assert.equal(month.points.length, expectedRollups(all, 3600).size);
      // Every range's points are the buckets computed here, at the range's step: a point a
      // rollup (24h, 30d) or raw minute (1h) carries its bucket's values; a point of several
      // rollups (7d from 5-minute, 1y from hourly ones) their averages weighted by each
      // rollup's sample count (a field's gaps left out of the divisor) and the highest CPU.
      const round = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
      // Points carry 2 decimals: a value computed here may round the other way.
      const near = (actual: number | null, expected: number | null, what: string) => {
        if (expected === null) return assert.equal(actual, null, what);
        assert.ok(actual !== null && Math.abs(actual - expected) <= Math.max(0.011, Math.abs(expected) * 1e-5), `${what}: ${actual} ≠ ${expected}`);
      };
      const grouped = (source: number, step: number) => {
        const out = new Map<number, Expected[]>();
        for (const [b, e] of expectedRollups(all, source)) {
          const g = Math.floor(b / (step * 1000)) * step * 1000;
          out.set(g, [...(out.get(g) ?? []), e]);
        }
        const weighted = (es: Expected[], k: "cpu_avg" | "ram_avg" | "net_rx_avg") => {
          const withValue = es.filter((e) => e[k] !== null);
          return withValue.length ? es.reduce((sum, e) => sum + (e[k] ?? 0) * e.n, 0) / withValue.reduce((n, e) => n + e.n, 0) : null;
        };
        return new Map(
          [...out].map(([g, es]) => [g, { cpu_avg: weighted(es, "cpu_avg"), ram_avg: weighted(es, "ram_avg"), net_rx_avg: weighted(es, "net_rx_avg"), cpu_max: Math.max(...es.map((e) => e.cpu_max ?? -1)) }]),
        );
      };
      const ranges = [["1h", 60, expectedRollups(all, 60)], ["24h", 300, expectedRollups(all, 300)], ["7d", 1800, grouped(300, 1800)], ["30d", 3600, expectedRollups(all, 3600)], ["1y", 86400, grouped(3600, 86400)]] as const;
      for (const [range, step, buckets] of ranges) {
        const s = await readSeries(db.prisma, vpsA, range, now);
        const from = Date.parse(s.from);
        const expected = [...buckets].filter(([b]) => b >= from).sort(([a], [b]) => a - b);
        assert.equal(s.step_seconds, step, `${range}: step`);
        assert.deepEqual(s.points.map((p) => Date.parse(p.at)), expected.map(([b]) => b), `${range}: the points' times`);
        if (range !== "1h") assert.ok(expected.length >= (range === "1y" ? 1 : 2), `${range}: points to compare`);
        s.points.forEach((p, i) => {
          const e = expected[i]![1];
          const at = `${range} ${p.at}`;
          near(p.cpu_percent, round(e.cpu_avg), `${at}: cpu_percent`);
          near(p.cpu_max, round(e.cpu_max), `${at}: cpu_max`);
          near(p.ram_used_mb, round(e.ram_avg), `${at}: ram_used_mb`);
          near(p.net_rx_bps, round(e.net_rx_avg), `${at}: net_rx_bps`);
        });
      }

      // The checked read (access in the same statement): the owner and an admin get the same
      // series; another client, a deleted VPS and an unknown one are not found; a readable VPS
      // without samples has no points.
      const owner = { userId: ownerId, role: "client" as const };
      const admin = { userId: 1_000_000, role: "admin" as const };
      for (const range of ["1h", "24h", "7d", "30d", "1y"] as const) {
        const plain = await readSeries(db.prisma, vpsA, range, now);
        assert.deepEqual(await getVpsMetrics(db.prisma, owner, vpsA, range, now), plain, `${range}: the owner`);
        assert.deepEqual(await getVpsMetrics(db.prisma, admin, vpsA, range, now), plain, `${range}: an admin`);
        for (const [who, id] of [[{ userId: ownerId + 1, role: "client" as const }, vpsA], [owner, gone], [admin, gone], [owner, 999_999]] as const)
          await assert.rejects(getVpsMetrics(db.prisma, who, id, range, now), (e: { status?: number }) => e.status === 404, `${range}: user ${who.userId}, VPS ${id}`);
      }
      await db.sql.query("INSERT INTO vps (user_id, name, cpu, ram_mb, disk_gb, os, updated_at) VALUES ($1, 'empty', 1, 512, 10, 'debian-12', now())", [ownerId]);
      const [{ id: empty }] = await db.sql.query<{ id: number }>("SELECT id FROM vps WHERE name = 'empty'");
      assert.deepEqual((await getVpsMetrics(db.prisma, owner, Number(empty), "24h", now)).points, []);
    });

    it("runs one pass at a time: a pass finding the lock held does nothing", { skip: engine === "PGlite" && "one connection: nothing else can hold the lock" }, async () => {
      await ingestSamples(db.prisma, [{ vps_id: vpsB, at: new Date(now - MIN).toISOString(), cpu_percent: 5 }], now);
      const pool = db.pool!;
      const holder = await pool.connect();
      try {
        await holder.query("BEGIN");
        await holder.query("SELECT pg_advisory_xact_lock($1)", [ROLLUP_LOCK_KEY]);
        const blocked = await runRollupPass(db.prisma);
        assert.deepEqual(blocked, { ran: false, buckets: 0, rows: 0 });
      } finally {
        await holder.query("ROLLBACK");
        holder.release();
      }
      const [a, b] = await Promise.all([runRollupPass(db.prisma), runRollupPass(db.prisma)]);
      assert.equal(a.buckets + b.buckets, 1, "the mark was taken once");
    });

    it("retention keeps raw samples 48 h, 5-minute rollups 35 days, hourly 400 days", async () => {
      await db.sql.exec("DELETE FROM vps_metric_samples; DELETE FROM vps_metric_rollups; DELETE FROM vps_metric_dirty");
      const H = 3_600_000;
      const D = 24 * H;
      const row = (atMs: number) => ({ vpsId: vpsA, atMs, cpu: 1, ram: null, diskRead: null, diskWrite: null, netRx: null, netTx: null });
      await writeSamples(db.prisma, [row(now - 49 * H), row(now - 47 * H), row(now - H)]);
      await db.sql.exec("DELETE FROM vps_metric_dirty");
      const rollup = (step: number, atMs: number) =>
        db.sql.query("INSERT INTO vps_metric_rollups (vps_id, step_seconds, bucket, samples) VALUES ($1, $2, to_timestamp($3::float8 / 1000), 1)", [vpsA, step, atMs]);
      await rollup(300, now - 36 * D);
      await rollup(300, now - 34 * D);
      await rollup(3600, now - 36 * D);
      await rollup(3600, now - 401 * D);
      await rollup(3600, now - 399 * D);
      const pruned = await pruneMetrics(db.prisma, new Date(now));
      assert.deepEqual(pruned, { samples: 1, rollups5m: 1, rollups1h: 1 });
      const left = await db.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM vps_metric_samples");
      assert.equal(left[0]!.n, 2);
      const rolls = await db.sql.query<{ step_seconds: number; n: number }>("SELECT step_seconds, count(*)::int AS n FROM vps_metric_rollups GROUP BY 1 ORDER BY 1");
      assert.deepEqual(rolls.map((r) => [r.step_seconds, r.n]), [[300, 1], [3600, 2]]);

      // A raw sample a pending mark still needs stays past 48 h until the pass takes the mark.
      await writeSamples(db.prisma, [row(now - 48 * H - 30 * MIN)]);
      assert.equal((await pruneMetrics(db.prisma, new Date(now))).samples, 0);
      await runRollupPass(db.prisma);
      assert.equal((await pruneMetrics(db.prisma, new Date(now))).samples, 1);
    });
  });
}
