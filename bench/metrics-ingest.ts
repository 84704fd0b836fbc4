// Resource graphs: ingest throughput, chart reads with a month of history loaded, and storage;
// PostgreSQL, production build.
//  1. POST /api/vps/metrics: `n` samples a round (batches of 5,000, `concurrency` in flight)
//     for `vps` VPS, end to end through the panel (key check, JSON, the per-sample check, the
//     unnest statement with its VPS check and rollup marks, the inbound log row; the panel's
//     rollup worker runs meanwhile) — against, in the same round, a raw `pg` set-based insert
//     of the same rows (one INSERT … SELECT FROM unnest per 5,000, parsed from the same JSON
//     text, the columns sent as the same array literals, same concurrency) into a fresh table
//     of the same shape and indexes. `rounds` paired rounds, the order swapped each round.
//     `--builds=label=dir,…` adds other checkouts' production builds (each its own panel and
//     database), measured in the same rounds: what a change bought, same run.
//  2. What 30 days of 1-minute samples leave (raw samples are kept 48 h): for `vps` VPS,
//     48 h of raw samples (2,880 a VPS), 30 days of 5-minute rollups (8,640) and of hourly
//     rollups (720), written in time order as the rollup pass writes them. The 5-minute rollups
//     of the last 48 h and all the hourly ones are computed by SQL from the rows below them
//     the way lib/metrics/rollup.ts does (averages weighted by samples, CPU peak, traffic as
//     rate × 60 s per sample); older 5-minute rollups are generated whole (5 samples each).
//     Then p50/p99 of GET /api/vps/:id/metrics?range=… (vps:read token, random VPS, one at a
//     time) for every range, and of the series query alone.
//  3. Storage: the tables' size (heap + indexes) after the load, per VPS; and per VPS per
//     year at steady state (48 h raw, 35 days of 5-minute, 365 days of hourly rollups) from
//     the measured bytes a row.
//   npx tsx bench/metrics-ingest.ts [--vps=2000] [--n=200000] [--rounds=3] [--concurrency=4]
//        [--reads=300] [--days=30] [--builds=before=/path/to/checkout] [--no-history] [--cpu-prof=dir]
//        [--no-ingest] [--database=postgresql://…/db] [--ranges=30d,1h,24h,7d,1y]
//  --no-ingest skips part 1. --database=<url> runs this build's panel on an existing database,
//  kept at the end (profiling the reads again and again): the first run loads the history,
//  later ones with the same --vps and --days reuse it (implies --no-ingest).
import http from "node:http";
import pg from "pg";
import { numberArrayLiteral } from "../lib/metrics/ingest-samples";
import type { MetricRange, MetricSampleInput } from "../lib/metrics/schemas";
import { createTestToken } from "../test/support/tokens";
import { startPanel, TEST_SYNC_KEY, type Panel } from "../test/support/panel";
import { ensureBuild, fmt, insertUsers, intArg, load, loadNote, percentile, printResult, request, stopOnExit, type Req } from "./support";

const VPS = intArg("vps", 2000);
const N = intArg("n", 200_000);
const ROUNDS = intArg("rounds", 3);
const CONCURRENCY = intArg("concurrency", 4);
const READS = intArg("reads", 300);
const DAYS = intArg("days", 30);
const BATCH = 5000;
const HISTORY = !process.argv.includes("--no-history");
const RANGES = (process.argv.find((a) => a.startsWith("--ranges="))?.slice("--ranges=".length).split(",") ?? ["30d", "1h", "24h", "7d", "1y"]) as MetricRange[];
const DATABASE = process.argv.find((a) => a.startsWith("--database="))?.slice("--database=".length);
const INGEST = !process.argv.includes("--no-ingest") && !DATABASE;
/** --cpu-prof=<dir>: the panel (this build) writes a V8 CPU profile there when it stops. */
const PROF = process.argv.find((a) => a.startsWith("--cpu-prof="))?.slice("--cpu-prof=".length);
const BUILDS = (process.argv.find((a) => a.startsWith("--builds="))?.slice("--builds=".length) ?? "")
  .split(",")
  .filter(Boolean)
  .map((b) => {
    const [label, rest] = [b.slice(0, b.indexOf("=")), b.slice(b.indexOf("=") + 1)];
    const at = rest.indexOf("@");
    const [dir, database] = at === -1 ? [rest, undefined] : [rest.slice(0, at), rest.slice(at + 1)];
    if (!label || !dir) throw new Error(`--builds: expected label=dir or label=dir@database-url, got ${b}`);
    return { label, dir, database };
  });

const RAW_INSERT = `
  INSERT INTO bench_samples (vps_id, at, cpu_percent, ram_used_mb, disk_read_bps, disk_write_bps, net_rx_bps, net_tx_bps)
  SELECT vps_id, to_timestamp(at_ms / 1000), cpu, ram, dr, dw, rx, tx
    FROM unnest($1::int[], $2::float8[], $3::real[], $4::real[], $5::real[], $6::real[], $7::real[], $8::real[])
      AS x(vps_id, at_ms, cpu, ram, dr, dw, rx, tx)
  ON CONFLICT (vps_id, at) DO UPDATE SET
    cpu_percent = EXCLUDED.cpu_percent, ram_used_mb = EXCLUDED.ram_used_mb,
    disk_read_bps = EXCLUDED.disk_read_bps, disk_write_bps = EXCLUDED.disk_write_bps,
    net_rx_bps = EXCLUDED.net_rx_bps, net_tx_bps = EXCLUDED.net_tx_bps`;

/** A sample as the main site sends it, every field given. */
type Sample = { [K in keyof MetricSampleInput]-?: NonNullable<MetricSampleInput[K]> };

/** `count` samples, one a minute per VPS from `startMs`, VPS after VPS within a minute. */
function samplesFrom(ids: readonly number[], startMs: number, count: number): Sample[] {
  return Array.from({ length: count }, (_, i) => {
    const v = i % ids.length;
    const m = Math.floor(i / ids.length);
    return {
      vps_id: ids[v]!,
      at: new Date(startMs + m * 60_000).toISOString(),
      cpu_percent: ((v * 7 + m) % 1000) / 10,
      ram_used_mb: 1024 + ((v + m) % 2048),
      disk_read_bps: 1e6 + v * 10,
      disk_write_bps: 5e5 + m,
      net_rx_bps: 1.25e6 + v,
      net_tx_bps: 2.5e5 + m,
    };
  });
}

const bodies = (samples: Sample[]) => {
  const out: string[] = [];
  for (let i = 0; i < samples.length; i += BATCH) out.push(JSON.stringify({ samples: samples.slice(i, i + BATCH) }));
  return out;
};

/** The baseline's columns: the same array literals the panel sends. */
const columns = (b: readonly Sample[]) =>
  [
    b.map((s) => s.vps_id),
    b.map((s) => Date.parse(s.at)),
    b.map((s) => s.cpu_percent),
    b.map((s) => s.ram_used_mb),
    b.map((s) => s.disk_read_bps),
    b.map((s) => s.disk_write_bps),
    b.map((s) => s.net_rx_bps),
    b.map((s) => s.net_tx_bps),
  ].map(numberArrayLiteral);

interface Subject {
  label: string;
  panel: Panel;
  ids: number[];
  userId: number;
}

async function setUp(panel: Panel, label: string): Promise<Subject> {
  const [userId] = await insertUsers(panel.databaseUrl, 1, "metrics-bench");
  const c = new pg.Client({ connectionString: panel.databaseUrl });
  await c.connect();
  try {
    const { rows } = await c.query<{ id: number }>(
      `INSERT INTO vps (user_id, name, status, cpu, ram_mb, disk_gb, os, updated_at)
       SELECT $1, 'm-' || g, 'running', 2, 4096, 40, 'Debian 12', now() FROM generate_series(1, $2::int) g ORDER BY g RETURNING id`,
      [userId, VPS],
    );
    return { label, panel, ids: rows.map((r) => r.id), userId: userId! };
  } finally {
    await c.end();
  }
}

async function ingestRound(s: Subject, texts: string[]): Promise<{ rate: number; p50: number; p99: number; accepted: number; statuses: Record<number, number> }> {
  const headers = { "content-type": "application/json", "x-api-key": TEST_SYNC_KEY };
  const reqs: Req[] = texts.map((body) => ({ method: "POST", path: "/api/vps/metrics", headers, body }));
  let accepted = 0;
  const r = await load(s.panel.url, reqs, CONCURRENCY, (_, status, body) => {
    if (status === 202) accepted += JSON.parse(body).accepted;
  });
  return { rate: accepted / r.seconds, p50: r.p50, p99: r.p99, accepted, statuses: r.statuses };
}

async function rawRound(db: pg.Pool, texts: string[]): Promise<number> {
  const t0 = performance.now();
  let next = 0;
  let rows = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      // Like a request, each batch is parsed from its JSON text before it is written.
      for (let i = next++; i < texts.length; i = next++) {
        const batch: Sample[] = JSON.parse(texts[i]!).samples;
        await db.query({ name: "raw", text: RAW_INSERT, values: columns(batch) });
        rows += batch.length;
      }
    }),
  );
  return rows / ((performance.now() - t0) / 1000);
}

/** Waits (up to a minute) until every panel's rollup worker has taken the marks of earlier
 *  rounds, so that no panel's pass runs during another's (or the baseline's) measurement. */
async function drained(subjects: readonly Subject[]) {
  const deadline = Date.now() + 60_000;
  for (const s of subjects) {
    const c = new pg.Client({ connectionString: s.panel.databaseUrl });
    await c.connect();
    try {
      while (Date.now() < deadline) {
        const { rows } = await c.query<{ n: string }>("SELECT count(*) AS n FROM vps_metric_dirty");
        if (Number(rows[0]!.n) === 0) break;
        await new Promise((r) => setTimeout(r, 500));
      }
    } finally {
      await c.end();
    }
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

async function ingestBench(main: Subject, others: Subject[], db: pg.Pool) {
  const subjects = [main, ...others];
  const minutes = Math.ceil(N / VPS);
  if ((ROUNDS + 1) * minutes > 45 * 60) throw new Error("--n × --rounds too large for --vps: more than 45 hours of minutes");
  const now = Math.floor(Date.now() / 60_000) * 60_000;
  // Round r's samples start (rounds + 1 - r) windows back; the warm-up takes the oldest window.
  const windowStart = (r: number) => now - (ROUNDS + 1 - r) * minutes * 60_000;
  await db.query("CREATE TABLE bench_samples (LIKE vps_metric_samples INCLUDING ALL)");
  for (const s of subjects) await ingestRound(s, bodies(samplesFrom(s.ids, windowStart(0), BATCH)));
  await rawRound(db, bodies(samplesFrom(main.ids, windowStart(0), BATCH)));
  const rates = new Map<string, number[]>(subjects.map((s) => [s.label, []]));
  const raws: number[] = [];
  for (let r = 1; r <= ROUNDS; r++) {
    const start = windowStart(r);
    const line: string[] = [];
    const panels = async () => {
      for (const s of subjects) {
        await drained(subjects);
        const res = await ingestRound(s, bodies(samplesFrom(s.ids, start, N)));
        if (res.accepted !== N) console.log(`  note: ${s.label} accepted ${res.accepted} of ${N} (${JSON.stringify(res.statuses)})`);
        rates.get(s.label)!.push(res.rate);
        line.push(`${s.label} ${fmt(res.rate, 0)} samples/s (p50 ${fmt(res.p50, 0)} ms, p99 ${fmt(res.p99, 0)} ms)`);
      }
    };
    const raw = async () => {
      await drained(subjects);
      const rate = await rawRound(db, bodies(samplesFrom(main.ids, start, N)));
      raws.push(rate);
      line.push(`raw pg ${fmt(rate, 0)} samples/s`);
    };
    // The order swaps each round, so neither side always runs on a warmer (or busier) machine.
    if (r % 2) {
      await panels();
      await raw();
    } else {
      await raw();
      await panels();
    }
    console.log(`  round ${r}: ${line.join("   ")}   ratio ${subjects.map((s) => `${s.label} ${fmt(rates.get(s.label)!.at(-1)! / raws.at(-1)!, 2)}`).join(", ")}   ${loadNote()}`);
  }
  const rawMedian = median(raws);
  console.log(`  raw pg unnest INSERT (median of ${ROUNDS})   ${fmt(rawMedian, 0).padStart(9)} samples/s`);
  for (const s of subjects) {
    const ratios = rates.get(s.label)!.map((x, i) => x / raws[i]!);
    console.log(
      `  ${`panel ${s.label}`.padEnd(36)} ${fmt(median(rates.get(s.label)!), 0).padStart(9)} samples/s   ratio median ${fmt(median(ratios), 2)} (rounds ${ratios.map((x) => fmt(x, 2)).join(", ")})   target ≥ 0.5 and ≥ 20,000 samples/s`,
    );
  }
  const ratios = rates.get(main.label)!.map((x, i) => x / raws[i]!);
  return { panel: median(rates.get(main.label)!), raw: rawMedian, ratio: median(ratios) };
}

// A day's pattern plus a per-VPS offset and some jitter, in SQL (e = epoch seconds, v = VPS id).
const CPU = (e: string, v: string) => `least(100, greatest(0, 30 + 25 * sin(${e} / 13750.987 + ${v}) + ((${v} * 31 + floor(${e} / 60)::bigint) % 11)))`;
const RAM = (e: string, v: string) => `1024 + (${v} % 2048) + 200 * sin(${e} / 13750.987)`;
const RATE = (e: string, v: string, base: number) => `${base} * (1.2 + sin(${e} / 13750.987 + ${v} * 2))`;

async function loadHistory(databaseUrl: string, ids: number[]) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query("SET work_mem = '512MB'");
    await loadHistoryOn(db, ids);
  } finally {
    await db.end();
  }
}

async function loadHistoryOn(db: pg.Client, ids: number[]) {
  const minute = Math.floor(Date.now() / 60_000) * 60_000;
  const rawFrom = minute - (48 * 60 - 1) * 60_000; // 2,880 minutes up to now
  const fiveFrom = Math.floor((minute - DAYS * 86_400_000) / 300_000) * 300_000 + 300_000;
  const cut = Math.ceil(rawFrom / 300_000) * 300_000; // 5-minute buckets from here are computed from raw samples
  const t0 = performance.now();
  await db.query("TRUNCATE vps_metric_samples, vps_metric_rollups, vps_metric_dirty");
  // Raw samples: minute after minute, every VPS in each.
  await db.query(
    `INSERT INTO vps_metric_samples (vps_id, at, cpu_percent, ram_used_mb, disk_read_bps, disk_write_bps, net_rx_bps, net_tx_bps)
     SELECT v, to_timestamp(e), ${CPU("e", "v")}, ${RAM("e", "v")}, ${RATE("e", "v", 1e6)}, ${RATE("e", "v", 4e5)}, ${RATE("e", "v", 1.25e6)}, ${RATE("e", "v", 2.5e5)}
       FROM (SELECT g::float8 AS e FROM generate_series($2::bigint, $3::bigint, 60) g) t, unnest($1::int[]) v ORDER BY e, v`,
    [ids, rawFrom / 1000, minute / 1000],
  );
  console.log(`  loaded ${VPS} VPS × 2,880 raw samples (48 h) in ${fmt((performance.now() - t0) / 1000, 1)} s`);
  // 5-minute rollups older than the raw window, generated whole, a day at a time.
  const t1 = performance.now();
  for (let from = fiveFrom; from < cut; from += 86_400_000) {
    const to = Math.min(cut, from + 86_400_000) - 300_000;
    await db.query(
      `INSERT INTO vps_metric_rollups (vps_id, step_seconds, bucket, samples, cpu_avg, cpu_max, ram_avg, disk_read_avg, disk_write_avg, net_rx_avg, net_tx_avg, rx_bytes, tx_bytes)
       SELECT v, 300, to_timestamp(e), 5, ${CPU("e", "v")}, least(100, ${CPU("e", "v")} + 7), ${RAM("e", "v")},
              ${RATE("e", "v", 1e6)}, ${RATE("e", "v", 4e5)}, ${RATE("e", "v", 1.25e6)}, ${RATE("e", "v", 2.5e5)},
              300 * ${RATE("e", "v", 1.25e6)}, 300 * ${RATE("e", "v", 2.5e5)}
         FROM (SELECT g::float8 AS e FROM generate_series($2::bigint, $3::bigint, 300) g) t, unnest($1::int[]) v ORDER BY e, v`,
      [ids, from / 1000, to / 1000],
    );
  }
  // The last 48 h's 5-minute rollups from the raw samples, as the pass computes them (each
  // sample a minute after the one before covers 60 s).
  await db.query(
    `INSERT INTO vps_metric_rollups (vps_id, step_seconds, bucket, samples, cpu_avg, cpu_max, ram_avg, disk_read_avg, disk_write_avg, net_rx_avg, net_tx_avg, rx_bytes, tx_bytes)
     SELECT vps_id, 300, b, count(*), avg(cpu_percent), max(cpu_percent), avg(ram_used_mb), avg(disk_read_bps), avg(disk_write_bps),
            avg(net_rx_bps), avg(net_tx_bps), sum(net_rx_bps::float8 * 60), sum(net_tx_bps::float8 * 60)
       FROM (SELECT *, to_timestamp(floor(extract(epoch FROM at) / 300) * 300) AS b FROM vps_metric_samples) s
      WHERE b >= to_timestamp($1::float8)
      GROUP BY b, vps_id ORDER BY b, vps_id`,
    [cut / 1000],
  );
  console.log(`  loaded ${VPS} VPS × ${fmt((minute - fiveFrom) / 300_000 + 1, 0)} five-minute rollups (${DAYS} days) in ${fmt((performance.now() - t1) / 1000, 1)} s`);
  // Hourly rollups from the 5-minute ones (weighted by samples, as from the raw samples).
  const t2 = performance.now();
  const w = (c: string) => `sum(${c} * samples) / nullif(sum(samples) FILTER (WHERE ${c} IS NOT NULL), 0)`;
  await db.query(
    `INSERT INTO vps_metric_rollups (vps_id, step_seconds, bucket, samples, cpu_avg, cpu_max, ram_avg, disk_read_avg, disk_write_avg, net_rx_avg, net_tx_avg, rx_bytes, tx_bytes)
     SELECT vps_id, 3600, h, sum(samples), ${w("cpu_avg")}, max(cpu_max), ${w("ram_avg")}, ${w("disk_read_avg")}, ${w("disk_write_avg")},
            ${w("net_rx_avg")}, ${w("net_tx_avg")}, sum(rx_bytes), sum(tx_bytes)
       FROM (SELECT *, date_trunc('hour', bucket) AS h FROM vps_metric_rollups WHERE step_seconds = 300) r
      GROUP BY h, vps_id ORDER BY h, vps_id`,
  );
  await db.query("VACUUM ANALYZE vps_metric_samples");
  await db.query("VACUUM ANALYZE vps_metric_rollups");
  // The load's 3 GB go to disk now, not under the reads (a superuser's right; else skipped).
  await db.query("CHECKPOINT").catch(() => {});
  const { rows } = await db.query<{ step: number | null; n: string }>(
    `SELECT NULL::int AS step, count(*) AS n FROM vps_metric_samples UNION ALL SELECT step_seconds, count(*) FROM vps_metric_rollups GROUP BY 1 ORDER BY 1 NULLS FIRST`,
  );
  console.log(`  hourly rollups and VACUUM ANALYZE in ${fmt((performance.now() - t2) / 1000, 1)} s; rows: ${rows.map((r) => `${r.step === null ? "raw" : `step ${r.step}`} ${Number(r.n).toLocaleString("en")}`).join(", ")}   ${loadNote()}`);
}

/** Chart reads: for each range, the series query alone (this checkout's, straight on the
 *  database), then GET …/metrics through each subject's panel, one request at a time, the
 *  subjects taking turns request by request (the order rotating), so that the machine's
 *  load falls on every build alike. */
async function readBench(subjects: Subject[], db: pg.Pool) {
  const { openDatabase } = await import("../lib/db");
  const { readSeries } = await import("../lib/metrics/read-metrics");
  const s = subjects[0]!;
  const direct = await openDatabase({ databaseUrl: s.panel.databaseUrl, poolSize: 1 });
  const clients = await Promise.all(
    subjects.map(async (x) => {
      const own = x.panel.databaseUrl === s.panel.databaseUrl ? direct : await openDatabase({ databaseUrl: x.panel.databaseUrl, poolSize: 1 });
      const token = await createTestToken(own, x.userId, ["vps:read"]);
      if (own !== direct) await own.close();
      return { x, auth: { authorization: `Bearer ${token}` }, agent: new http.Agent({ keepAlive: true, maxSockets: 1 }) };
    }),
  );
  const pick = (i: number) => s.ids[(i * 7919 + 13) % s.ids.length]!;
  const out: Record<string, Partial<Record<MetricRange, { p50: number; p99: number }>>> = Object.fromEntries(subjects.map((x) => [x.label, {}]));
  try {
    for (const range of RANGES) {
      const reads = range === "30d" ? READS : Math.ceil(READS / 2);
      const q: number[] = [];
      for (let i = 0; i < reads + 20; i++) {
        const t = performance.now();
        await readSeries(direct.prisma, pick(i + 5000), range);
        if (i >= 20) q.push(performance.now() - t);
      }
      q.sort((a, b) => a - b);
      for (const c of clients)
        for (let i = 0; i < 20; i++) await request(c.x.panel.url, c.agent, { path: `/api/vps/${pick(i + 9000)}/metrics?range=${range}`, headers: c.auth });
      const lat = clients.map(() => [] as number[]);
      let points = 0;
      for (let i = 0; i < reads; i++) {
        for (let k = 0; k < clients.length; k++) {
          const j = (i + k) % clients.length;
          const c = clients[j]!;
          const t = performance.now();
          const r = await request(c.x.panel.url, c.agent, { path: `/api/vps/${pick(i)}/metrics?range=${range}`, headers: c.auth });
          lat[j]!.push(performance.now() - t);
          if (r.status !== 200) throw new Error(`GET metrics (${c.x.label}): ${r.status} ${r.body.slice(0, 200)}`);
          if (j === 0) points += JSON.parse(r.body).points.length;
        }
      }
      console.log(`  GET …/metrics?range=${range} (${reads} reads, ${fmt(points / reads, 0)} points each${range === "30d" ? "; target p99 < 50 ms" : ""}; the series query alone p50 ${fmt(percentile(q, 50), 1)} ms, p99 ${fmt(percentile(q, 99), 1)} ms)   ${loadNote()}`);
      clients.forEach((c, j) => {
        const l = lat[j]!.sort((a, b) => a - b);
        out[c.x.label]![range] = { p50: percentile(l, 50), p99: percentile(l, 99) };
        console.log(`    ${c.x.label.padEnd(24)} p50 ${fmt(percentile(l, 50), 1).padStart(5)} ms   p90 ${fmt(percentile(l, 90), 1).padStart(5)} ms   p99 ${fmt(percentile(l, 99), 1).padStart(5)} ms   max ${fmt(l.at(-1)!, 1).padStart(6)} ms`);
      });
    }
  } finally {
    for (const c of clients) c.agent.destroy();
    await direct.close();
  }
  // Storage: heap + indexes, per row of each kind; the hourly rows also carry the partial
  // covering index the 30-day and year charts read (when this build's migrations made it).
  const { rows } = await db.query<{ raw: string; raw_n: string; rollups: string; rollups_n: string; hourly_idx: string | null; hourly_n: string }>(
    `SELECT pg_total_relation_size('vps_metric_samples') AS raw, (SELECT count(*) FROM vps_metric_samples) AS raw_n,
            pg_total_relation_size('vps_metric_rollups') AS rollups, (SELECT count(*) FROM vps_metric_rollups) AS rollups_n,
            pg_relation_size(to_regclass('vps_metric_rollups_hourly_read_idx')) AS hourly_idx,
            (SELECT count(*) FROM vps_metric_rollups WHERE step_seconds = 3600) AS hourly_n`,
  );
  const r = rows[0]!;
  const hourlyIdx = Number(r.hourly_idx ?? 0);
  const raw = { bytes: Number(r.raw), perRow: Number(r.raw) / Math.max(1, Number(r.raw_n)) };
  const rollups = { bytes: Number(r.rollups), perRow: (Number(r.rollups) - hourlyIdx) / Math.max(1, Number(r.rollups_n)) };
  const hourlyExtra = hourlyIdx / Math.max(1, Number(r.hourly_n));
  const perVpsLoaded = (raw.bytes + rollups.bytes) / VPS;
  const year = { raw: 48 * 60 * raw.perRow, fiveMin: 35 * 288 * rollups.perRow, hourly: 365 * 24 * (rollups.perRow + hourlyExtra) };
  const perYear = year.raw + year.fiveMin + year.hourly;
  console.log(
    `  storage after the load: raw ${fmt(raw.bytes / 1e6, 0)} MB (${fmt(raw.perRow, 0)} B a row), rollups ${fmt(rollups.bytes / 1e6, 0)} MB (${fmt(rollups.perRow, 0)} B a row${hourlyIdx ? `, + ${fmt(hourlyExtra, 0)} B an hourly row for its covering index, ${fmt(hourlyIdx / 1e6, 0)} MB` : ""}) = ${fmt(perVpsLoaded / 1e6, 2)} MB a VPS with ${DAYS} days`,
  );
  console.log(
    `  storage a VPS keeps after a year (48 h raw + 35 days of 5-minute + 365 days of hourly rollups): ${fmt(year.raw / 1e6, 2)} + ${fmt(year.fiveMin / 1e6, 2)} + ${fmt(year.hourly / 1e6, 2)} = ${fmt(perYear / 1e6, 2)} MB`,
  );
  return { reads: out[s.label]!, perYear };
}

/** With --database: the bench's client and VPS from an earlier run on it, if it loaded the
 *  same history (a marker table of its own), else undefined. */
async function reused(panel: Panel): Promise<Subject | undefined> {
  const c = new pg.Client({ connectionString: panel.databaseUrl });
  await c.connect();
  try {
    await c.query("CREATE TABLE IF NOT EXISTS bench_metrics_history (user_id int NOT NULL, vps int NOT NULL, days int NOT NULL, loaded_at timestamptz NOT NULL DEFAULT now())");
    const { rows } = await c.query<{ user_id: number; loaded_at: Date }>("SELECT user_id, loaded_at FROM bench_metrics_history WHERE vps = $1 AND days = $2 ORDER BY loaded_at DESC LIMIT 1", [VPS, DAYS]);
    if (!rows[0]) return undefined;
    const ids = await c.query<{ id: number }>("SELECT id FROM vps WHERE user_id = $1 ORDER BY id", [rows[0].user_id]);
    console.log(`  reusing the history loaded at ${rows[0].loaded_at.toISOString()} (${ids.rows.length} VPS)`);
    return { label: "POST /api/vps/metrics", panel, ids: ids.rows.map((r) => r.id), userId: rows[0].user_id };
  } finally {
    await c.end();
  }
}

async function main() {
  await ensureBuild();
  console.log(
    `metrics: ${INGEST ? `${N} samples a round × ${ROUNDS} rounds for ${VPS} VPS in batches of ${BATCH}, ${CONCURRENCY} in flight` : `no ingest rounds, ${VPS} VPS`}${BUILDS.length ? `; builds ${BUILDS.map((b) => b.label).join(", ")} too` : ""}${HISTORY ? `; ${DAYS} days of history` : ""}; PostgreSQL, production build   ${loadNote()}`,
  );
  const panel = await startPanel({ databaseUrl: DATABASE, demoData: false, env: { LOG_LEVEL: "error" }, nodeArgs: PROF ? ["--cpu-prof", `--cpu-prof-dir=${PROF}`] : [] });
  const others: Panel[] = [];
  const stop = stopOnExit(async () => {
    await Promise.all([panel, ...others].map((p) => p.stop()));
  });
  // Other builds: with --database they read (each on its own database, or this one), else they ingest.
  if (INGEST || DATABASE)
    for (const b of BUILDS) others.push(await startPanel({ root: b.dir, databaseUrl: DATABASE ? (b.database ?? DATABASE) : undefined, demoData: false, env: { LOG_LEVEL: "error" }, nodeArgs: [] }));
  const db = new pg.Pool({ connectionString: panel.databaseUrl, max: CONCURRENCY + 2 });
  try {
    const earlier = DATABASE && HISTORY ? await reused(panel) : undefined;
    const main = earlier ?? (await setUp(panel, BUILDS.length ? "this build" : "POST /api/vps/metrics"));
    if (earlier && BUILDS.length) main.label = "this build";
    const readers = [main];
    if (DATABASE && HISTORY)
      for (const [i, p] of others.entries()) {
        const other = p.databaseUrl === panel.databaseUrl ? { ...main, panel: p } : await reused(p);
        if (!other) throw new Error(`--builds: ${BUILDS[i]!.label}'s database has no history loaded by this bench (--vps=${VPS} --days=${DAYS})`);
        readers.push({ ...other, label: BUILDS[i]!.label });
      }
    let ingest = { panel: NaN, raw: NaN, ratio: NaN };
    if (INGEST) {
      const subjects = await Promise.all(others.map((p, i) => setUp(p, BUILDS[i]!.label)));
      ingest = await ingestBench(main, subjects, db);
      await Promise.all(others.map((p) => p.stop()));
      others.length = 0;
    }
    if (!HISTORY) {
      printResult({ metrics_ingest_sps: ingest.panel, metrics_raw_sps: ingest.raw, metrics_ratio: ingest.ratio });
      return;
    }
    if (!earlier) {
      await loadHistory(panel.databaseUrl, main.ids);
      if (DATABASE) await db.query("INSERT INTO bench_metrics_history (user_id, vps, days) VALUES ($1, $2, $3)", [main.userId, VPS, DAYS]);
    }
    const { reads, perYear } = await readBench(readers, db);
    printResult({
      metrics_vps: VPS,
      metrics_days: DAYS,
      metrics_ingest_sps: ingest.panel,
      metrics_raw_sps: ingest.raw,
      metrics_ratio: ingest.ratio,
      metrics_30d_p50: reads["30d"]?.p50 ?? NaN,
      metrics_30d_p99: reads["30d"]?.p99 ?? NaN,
      metrics_7d_p99: reads["7d"]?.p99 ?? NaN,
      metrics_1y_p99: reads["1y"]?.p99 ?? NaN,
      metrics_mb_vps_year: perYear / 1e6,
    });
    console.log(`  ${loadNote()}`);
  } finally {
    await db.end();
    await stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
