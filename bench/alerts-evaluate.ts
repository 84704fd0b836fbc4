// Alert evaluation cost on PostgreSQL: one pass of lib/alerts/evaluate.ts (every rule × VPS in
// one statement over the raw samples, state swaps, under the advisory lock) against, in the
// same run and on the same data, the per-rule-per-VPS way: the newest sample's time and a SELECT of the window's
// samples for each (rule, VPS) pair, decided in JS (no writes at all, so the baseline is flattered).
// `vps` VPS over `users` users; each user has one rule for all their VPS (cpu_percent > 50 for
// 5 min) and one for their first VPS (ram_used_mb > 1500 for 10 min); 60 minutes of one-a-minute
// samples per VPS. Prints the first pass (with its fires), then the median and worst of
// `passes` steady passes (no state changes) of each way.
//   npx tsx bench/alerts-evaluate.ts [--vps=2000] [--users=200] [--passes=7]
import { openDatabase } from "../lib/db";
import { migrate } from "../lib/migrate";
import { evaluateAlerts, FRESH_MS, COVER_MS } from "../lib/alerts/evaluate";
import { writeSamples, type SampleRow } from "../lib/metrics/ingest-samples";
import { createTestDatabase } from "../test/support/pg";
import { fmt, intArg, loadNote } from "./support";

const VPS = intArg("vps", 2000);
const USERS = intArg("users", 200);
const PASSES = intArg("passes", 7);
const MIN = 60_000;

async function main() {
  const t = await createTestDatabase("ospab_bench_alerts");
  const db = await openDatabase({ databaseUrl: t.url, poolSize: 4 });
  try {
    await migrate(db);
    const users = (await db.sql.query<{ id: number }>(`INSERT INTO users (email, password_hash, updated_at) SELECT 'ab-' || g || '@example.com', 'x', now() FROM generate_series(1, $1::int) g RETURNING id`, [USERS])).map((r) => r.id);
    const vps = await db.sql.query<{ id: number; user_id: number }>(
      `INSERT INTO vps (user_id, name, status, cpu, ram_mb, disk_gb, os, updated_at)
       SELECT ($1::int[])[1 + (g % $2::int)], 'a-' || g, 'running', 2, 4096, 40, 'Debian 12', now() FROM generate_series(1, $3::int) g RETURNING id, user_id`,
      [users, USERS, VPS],
    );
    const first = new Map<number, number>();
    for (const v of vps) if (!first.has(v.user_id)) first.set(v.user_id, v.id);
    await db.sql.query(
      `INSERT INTO alert_rules (user_id, vps_id, metric, op, threshold, for_minutes, channels, updated_at)
       SELECT u, NULL, 'cpu_percent', '>', 50, 5, ARRAY['panel'], now() FROM unnest($1::int[]) u
       UNION ALL SELECT u, v, 'ram_used_mb', '>', 1500, 10, ARRAY['panel','email'], now() FROM unnest($1::int[], $2::int[]) AS x(u, v)`,
      [[...first.keys()], [...first.values()]],
    );
    const now = Math.floor(Date.now() / MIN) * MIN;
    const rows: SampleRow[] = [];
    for (const [i, v] of vps.entries())
      for (let m = 60; m >= 1; m--)
        rows.push({ vpsId: v.id, atMs: now - m * MIN + 5_000, cpu: (i * 7 + m) % 3 === 0 ? 20 : 40 + (i % 30), ram: 1200 + ((i * 13) % 500), diskRead: null, diskWrite: null, netRx: 1e6, netTx: 1e5 });
    for (let i = 0; i < rows.length; i += 5000) await writeSamples(db.prisma, rows.slice(i, i + 5000));
    await db.sql.exec("ANALYZE");
    const pairs = await db.sql.query<{ rule_id: number; vps_id: number; metric: string; op: string; threshold: number; for_minutes: number }>(
      `SELECT r.id AS rule_id, v.id AS vps_id, r.metric, r.op, r.threshold, r.for_minutes FROM alert_rules r
         JOIN vps v ON v.user_id = r.user_id AND v.deleted_at IS NULL AND (r.vps_id IS NULL OR v.id = r.vps_id) WHERE r.enabled`,
    );
    console.log(`alert evaluation: ${pairs.length} (rule, VPS) pairs, ${VPS} VPS, ${rows.length} samples; PostgreSQL; ${loadNote()}`);

    const at = now + 10_000;
    const t0 = performance.now();
    const firstPass = await evaluateAlerts(db.prisma, { now: at, emailAvailable: false });
    console.log(`first pass (writes states, events, notifications): ${fmt(performance.now() - t0)} ms, fired ${firstPass.fired}`);

    const time = async (fn: () => Promise<unknown>) => {
      const ms: number[] = [];
      for (let i = 0; i < PASSES; i++) {
        const s = performance.now();
        await fn();
        ms.push(performance.now() - s);
      }
      ms.sort((a, b) => a - b);
      return { median: ms[Math.floor(ms.length / 2)]!, worst: ms[ms.length - 1]! };
    };
    const col = { cpu_percent: "cpu_percent", ram_used_mb: "ram_used_mb" } as Record<string, string>;
    let holding = 0;
    const naive = async () => {
      holding = 0;
      for (const p of pairs) {
        // The newest fresh sample, then the window ending at it (docs/alerts.md), two round trips a pair.
        const [end] = await db.sql.query<{ at: Date | null }>(
          `SELECT max(at) AS at FROM vps_metric_samples WHERE vps_id = $1 AND at >= to_timestamp($2::float8 / 1000) AND at <= to_timestamp($3::float8 / 1000) AND ${col[p.metric]} IS NOT NULL`,
          [p.vps_id, at - FRESH_MS, at],
        );
        if (!end?.at) continue;
        const endMs = +new Date(end.at);
        const got = await db.sql.query<{ at: Date; v: number | null }>(
          `SELECT at, ${col[p.metric]} AS v FROM vps_metric_samples WHERE vps_id = $1 AND at > to_timestamp($2::float8 / 1000) AND at <= to_timestamp($3::float8 / 1000) ORDER BY at`,
          [p.vps_id, endMs - p.for_minutes * MIN, endMs],
        );
        const w = got.filter((r) => r.v !== null);
        const beyond = (v: number) => (p.op === ">" ? v > p.threshold : v < p.threshold);
        if (w.length && w.every((r) => beyond(Number(r.v))) && +new Date(w[0]!.at) <= endMs - p.for_minutes * MIN + COVER_MS) holding++;
      }
    };
    const steady = await time(() => evaluateAlerts(db.prisma, { now: at, emailAvailable: false }));
    const baseline = await time(naive);
    const [{ n: firing }] = (await db.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM alert_states WHERE state = 'firing'")) as [{ n: number }];
    console.log(`set-based pass (lib/alerts/evaluate.ts): median ${fmt(steady.median)} ms, worst ${fmt(steady.worst)} ms`);
    console.log(`per-pair round trips (baseline, same data): median ${fmt(baseline.median)} ms, worst ${fmt(baseline.worst)} ms`);
    console.log(`speed-up: ${fmt(baseline.median / steady.median)}×; firing pairs: pass ${firing}, baseline ${holding}`);
  } finally {
    await db.close();
    await t.drop();
  }
}

await main();
