// Resource graphs: ingest throughput, chart reads and storage, on PostgreSQL, production build.
//  1. POST /api/vps/metrics: N samples (batches of 5,000, `concurrency` in flight) for `vps`
//     VPS, end to end through the panel (key check, JSON, zod per sample, the unnest
//     statement with its VPS check and rollup marks; the panel's rollup worker runs
//     meanwhile) — against, in the same run, a raw `pg` set-based insert of the same rows
//     (one INSERT … SELECT FROM unnest per 5,000, same concurrency) into a fresh table of
//     the same shape and indexes. Prints samples/s of each and the ratio.
//  2. The 30-day chart (GET /api/vps/:id/metrics?range=30d, vps:read token) with `vps` VPS
//     × 30 days of hourly rollups loaded: p50/p99 over `reads` requests for random VPS.
//  3. Storage: bytes a row takes in each table (heap + indexes, measured), and so the bytes
//     one VPS keeps at steady state (48 h raw at 1/min, 35 days of 5-minute, 400 of hourly).
//   npx tsx bench/metrics-ingest.ts [--vps=2000] [--n=200000] [--concurrency=4] [--reads=400]
import pg from "pg";
import { createTestToken } from "../test/support/tokens";
import { startPanel, TEST_SYNC_KEY } from "../test/support/panel";
import { ensureBuild, fmt, insertUsers, intArg, load, loadNote, percentile, request, stopOnExit, type Req } from "./support";
import http from "node:http";

const VPS = intArg("vps", 2000);
const N = intArg("n", 200_000);
const CONCURRENCY = intArg("concurrency", 4);
const READS = intArg("reads", 400);
const BATCH = 5000;

const RAW_INSERT = `
  INSERT INTO bench_samples (vps_id, at, cpu_percent, ram_used_mb, disk_read_bps, disk_write_bps, net_rx_bps, net_tx_bps)
  SELECT vps_id, to_timestamp(at_ms / 1000), cpu, ram, dr, dw, rx, tx
    FROM unnest($1::int[], $2::float8[], $3::real[], $4::real[], $5::real[], $6::real[], $7::real[], $8::real[])
      AS x(vps_id, at_ms, cpu, ram, dr, dw, rx, tx)
  ON CONFLICT (vps_id, at) DO UPDATE SET cpu_percent = EXCLUDED.cpu_percent`;

async function main() {
  await ensureBuild();
  console.log(`metrics ingest: ${N} samples for ${VPS} VPS in batches of ${BATCH}, ${CONCURRENCY} in flight; PostgreSQL, production build`);
  const panel = await startPanel({ demoData: false, env: { LOG_LEVEL: "error" } });
  const stop = stopOnExit(() => panel.stop());
  const db = new pg.Pool({ connectionString: panel.databaseUrl, max: CONCURRENCY + 2 });
  try {
    const [userId] = await insertUsers(panel.databaseUrl, 1, "metrics-bench");
    const { rows: vpsRows } = await db.query<{ id: number }>(
      `INSERT INTO vps (user_id, name, status, cpu, ram_mb, disk_gb, os, updated_at)
       SELECT $1, 'm-' || g, 'running', 2, 4096, 40, 'Debian 12', now() FROM generate_series(1, $2::int) g RETURNING id`,
      [userId, VPS],
    );
    const ids = vpsRows.map((r) => r.id);
    await db.query("CREATE TABLE bench_samples (LIKE vps_metric_samples INCLUDING ALL)");

    // The samples: one a minute per VPS, going back from now (within the 47-hour window).
    const minutes = Math.ceil(N / VPS);
    if (minutes > 46 * 60) throw new Error("--n too large for --vps: more than 46 hours of minutes");
    const start = Math.floor(Date.now() / 60_000) * 60_000 - minutes * 60_000;
    const samples = Array.from({ length: N }, (_, i) => {
      const v = i % VPS;
      const m = Math.floor(i / VPS);
      return {
        vps_id: ids[v]!,
        at: new Date(start + m * 60_000).toISOString(),
        cpu_percent: ((v * 7 + m) % 1000) / 10,
        ram_used_mb: 1024 + ((v + m) % 2048),
        disk_read_bps: 1e6 + v * 10,
        disk_write_bps: 5e5 + m,
        net_rx_bps: 1.25e6 + v,
        net_tx_bps: 2.5e5 + m,
      };
    });
    const batches: (typeof samples)[] = [];
    for (let i = 0; i < N; i += BATCH) batches.push(samples.slice(i, i + BATCH));
    const headers = { "content-type": "application/json", "x-api-key": TEST_SYNC_KEY };
    const reqs: Req[] = batches.map((b) => ({ method: "POST", path: "/api/vps/metrics", headers, body: JSON.stringify({ samples: b }) }));

    // Warm-up of both (not measured), then the panel, then the baseline.
    await load(panel.url, reqs.slice(0, 1), 1);
    let accepted = 0;
    const panelRun = await load(panel.url, reqs, CONCURRENCY, (_, s, body) => {
      if (s === 202) accepted += JSON.parse(body).accepted;
    });
    if (accepted !== N && accepted < N - BATCH) console.log(`  note: the panel accepted ${accepted} of ${N}`);
    const columns = (b: typeof samples) => [
      b.map((s) => s.vps_id),
      b.map((s) => Date.parse(s.at)),
      b.map((s) => s.cpu_percent),
      b.map((s) => s.ram_used_mb),
      b.map((s) => s.disk_read_bps),
      b.map((s) => s.disk_write_bps),
      b.map((s) => s.net_rx_bps),
      b.map((s) => s.net_tx_bps),
    ];
    await db.query({ name: "raw", text: RAW_INSERT, values: columns(batches[0]!) });
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        // Like a request, each batch is parsed from its JSON text before it is written.
        for (let i = next++; i < batches.length; i = next++) await db.query({ name: "raw", text: RAW_INSERT, values: columns(JSON.parse(reqs[i]!.body!).samples) });
      }),
    );
    const rawSeconds = (performance.now() - t0) / 1000;
    const panelRate = N / panelRun.seconds;
    const rawRate = N / rawSeconds;
    console.log(`  panel POST /api/vps/metrics   ${fmt(panelRate, 0).padStart(9)} samples/s   (${panelRun.requests} requests, p50 ${fmt(panelRun.p50, 0)} ms, p99 ${fmt(panelRun.p99, 0)} ms, statuses ${JSON.stringify(panelRun.statuses)})`);
    console.log(`  raw pg unnest INSERT          ${fmt(rawRate, 0).padStart(9)} samples/s`);
    console.log(`  ratio panel / raw             ${fmt(panelRate / rawRate, 2)}   (target ≥ 0.5 and ≥ 20,000 samples/s)`);

    // 2. 30 days of hourly rollups for every VPS, then the 30-day chart.
    const hourNow = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    const t1 = performance.now();
    await db.query(
      `INSERT INTO vps_metric_rollups (vps_id, step_seconds, bucket, samples, cpu_avg, cpu_max, ram_avg, disk_read_avg, disk_write_avg, net_rx_avg, net_tx_avg, rx_bytes, tx_bytes)
       SELECT v, 3600, to_timestamp($2::float8 / 1000) - h * interval '1 hour', 60, (v + h) % 100, (v + h) % 100 + 5, 2048, 1e6, 5e5, 1.25e6, 2.5e5, 4.5e9, 9e8
         FROM unnest($1::int[]) v, generate_series(1, 720) h
       ON CONFLICT DO NOTHING`,
      [ids, hourNow],
    );
    await db.query("ANALYZE vps_metric_rollups");
    console.log(`  loaded ${VPS} VPS × 720 hourly rollups in ${fmt((performance.now() - t1) / 1000, 1)} s`);
    const { openDatabase } = await import("../lib/db");
    const { readSeries } = await import("../lib/metrics/read-metrics");
    const direct = await openDatabase({ databaseUrl: panel.databaseUrl, poolSize: 1 });
    const token = await createTestToken(direct, userId!, ["vps:read"]);
    // The query alone (the panel's own read function on its own connection), then over HTTP.
    const q: number[] = [];
    for (let i = 0; i < READS + 20; i++) {
      const s = performance.now();
      await readSeries(direct.prisma, ids[(i * 7919) % ids.length]!, "30d");
      if (i >= 20) q.push(performance.now() - s);
    }
    await direct.close();
    q.sort((a, b) => a - b);
    console.log(`  30-day series query alone      p50 ${fmt(percentile(q, 50), 1)} ms   p99 ${fmt(percentile(q, 99), 1)} ms   (${READS} reads, lib/metrics/read-metrics.ts readSeries)`);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const auth = { authorization: `Bearer ${token}` };
    for (let i = 0; i < 20; i++) await request(panel.url, agent, { path: `/api/vps/${ids[i]}/metrics?range=30d`, headers: auth });
    const lat: number[] = [];
    let points = 0;
    for (let i = 0; i < READS; i++) {
      const id = ids[(i * 7919) % ids.length]!;
      const s = performance.now();
      const r = await request(panel.url, agent, { path: `/api/vps/${id}/metrics?range=30d`, headers: auth });
      lat.push(performance.now() - s);
      if (r.status !== 200) throw new Error(`GET metrics: ${r.status} ${r.body.slice(0, 200)}`);
      points += JSON.parse(r.body).points.length;
    }
    lat.sort((a, b) => a - b);
    console.log(`  GET …/metrics?range=30d       p50 ${fmt(percentile(lat, 50), 1)} ms   p99 ${fmt(percentile(lat, 99), 1)} ms   (${READS} reads, one at a time, ${fmt(points / READS, 0)} points each; target p99 < 50 ms)`);

    // 3. Storage.
    const size = async (table: string, where = "true") => {
      const { rows } = await db.query<{ bytes: string; n: string }>(`SELECT pg_total_relation_size('${table}') AS bytes, (SELECT count(*) FROM ${table} WHERE ${where}) AS n`);
      return Number(rows[0]!.bytes) / Math.max(1, Number(rows[0]!.n));
    };
    await db.query("VACUUM ANALYZE vps_metric_samples");
    await db.query("VACUUM ANALYZE vps_metric_rollups");
    const rawRow = await size("vps_metric_samples");
    const rollupRow = await size("vps_metric_rollups");
    const perVps = { raw: 48 * 60 * rawRow, fiveMin: 35 * 288 * rollupRow, hourly: 400 * 24 * rollupRow };
    const total = perVps.raw + perVps.fiveMin + perVps.hourly;
    console.log(`  bytes a row (heap + indexes)   raw ${fmt(rawRow, 0)}   rollup ${fmt(rollupRow, 0)}`);
    console.log(
      `  storage per VPS (steady state, a year and more): raw ${fmt(perVps.raw / 1e6, 2)} MB + 5-minute ${fmt(perVps.fiveMin / 1e6, 2)} MB + hourly ${fmt(perVps.hourly / 1e6, 2)} MB = ${fmt(total / 1e6, 2)} MB`,
    );
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
