// Inbound log writes under a flood of refused machine calls (issue 11): N calls with a wrong
// X-API-Key (401, each one an inbound log row), against this checkout's production build
// and, in the same run, a baseline build (another checkout's, e.g. main before the batch
// queue: one fire-and-forget INSERT per call). Prints per build:
//   - answers/s and p99 while the calls go in;
//   - drain: ms from the last answer until the rows stop growing (all written, or what is
//     left after drops), and how many rows were written / not written;
//   - RSS of the panel process: peak while answering and draining;
//   - shutdown: M more refused calls, then SIGTERM right after the last answer, and how many
//     of those rows are in the database after the process exited.
//   npx tsx bench/inbound-log.ts --baseline=/path/to/other/checkout [--n=20000] [--concurrency=32] [--shutdown-n=2000]
// Without --baseline only this build is measured.
import pg from "pg";
import { rssOf } from "../test/support/upload";
import { startPanel, type Panel } from "../test/support/panel";
import { ensureBuild, fmt, intArg, load, loadNote, printResult, type Req } from "./support";

const N = intArg("n", 20_000);
const CONCURRENCY = intArg("concurrency", 32);
const SHUTDOWN_N = intArg("shutdown-n", 2000);
const baseline = process.argv.find((a) => a.startsWith("--baseline="))?.split("=")[1];

const refused: Req = {
  method: "POST",
  path: "/api/vps/sync",
  headers: { "content-type": "application/json", "x-api-key": "wrong-key-wrong-key-wrong-key-wrong-key-00" },
  body: JSON.stringify({ action: "update", vps: { id: 1, status: "running" } }),
};

async function count(c: pg.Client): Promise<number> {
  return (await c.query<{ n: number }>("SELECT count(*)::int AS n FROM inbound_log")).rows[0].n;
}

/** Polls until the row count stops changing for `quietMs` (or reaches `target`). */
async function drained(c: pg.Client, target: number, quietMs = 1500): Promise<{ rows: number; atMs: number }> {
  const t0 = performance.now();
  let last = -1;
  let lastChange = t0;
  for (;;) {
    const n = await count(c);
    const now = performance.now();
    if (n !== last) {
      last = n;
      lastChange = now;
    }
    if (n >= target) return { rows: n, atMs: now - t0 };
    if (now - lastChange > quietMs) return { rows: n, atMs: lastChange - t0 };
    await new Promise((r) => setTimeout(r, 10));
  }
}

interface Figures {
  rps: number;
  p99: number;
  drainMs: number;
  written: number;
  missing: number;
  rssPeakMb: number;
  keptAfterSigterm: number;
}

async function measure(label: string, root: string | undefined): Promise<Figures> {
  const panel: Panel = await startPanel({ root, demoData: false, nodeArgs: [], env: { LOG_LEVEL: "error", PANEL_WORKERS: "0" } });
  const c = new pg.Client({ connectionString: panel.databaseUrl });
  await c.connect();
  try {
    // Warm-up, then start from an empty log.
    await load(panel.url, Array(500).fill(refused), CONCURRENCY);
    await drained(c, 500);
    await c.query("DELETE FROM inbound_log");

    let peak = rssOf(panel.pid());
    const sampler = setInterval(() => {
      try {
        peak = Math.max(peak, rssOf(panel.pid()));
      } catch {
        /* exited */
      }
    }, 20);
    const r = await load(panel.url, Array(N).fill(refused), CONCURRENCY);
    const d = await drained(c, N);
    clearInterval(sampler);

    await c.query("DELETE FROM inbound_log");
    await load(panel.url, Array(SHUTDOWN_N).fill(refused), CONCURRENCY);
    await panel.kill("SIGTERM");
    const kept = await count(c);

    const f: Figures = { rps: r.rps, p99: r.p99, drainMs: d.atMs, written: d.rows, missing: N - d.rows, rssPeakMb: peak / 2 ** 20, keptAfterSigterm: kept };
    console.log(
      `${label.padEnd(9)} ${fmt(f.rps, 0).padStart(6)} answers/s  p99 ${fmt(f.p99, 1).padStart(6)} ms  ` +
        `drain ${fmt(f.drainMs, 0).padStart(6)} ms  rows ${f.written}/${N} (${f.missing} not written)  ` +
        `RSS peak ${fmt(f.rssPeakMb, 0)} MB  after SIGTERM ${f.keptAfterSigterm}/${SHUTDOWN_N} rows kept`,
    );
    return f;
  } finally {
    await c.end();
    await panel.stop();
  }
}

async function main() {
  await ensureBuild();
  console.log(`inbound log: ${N} refused calls (401) at concurrency ${CONCURRENCY}, PostgreSQL, production builds; ${loadNote()}`);
  const current = await measure("current", undefined);
  const base = baseline ? await measure("baseline", baseline) : undefined;
  printResult({
    inbound_drain_ms: current.drainMs,
    inbound_missing: current.missing,
    inbound_rss_peak_mb: current.rssPeakMb,
    inbound_kept_after_sigterm: current.keptAfterSigterm,
    inbound_rps: current.rps,
    ...(base
      ? {
          inbound_baseline_drain_ms: base.drainMs,
          inbound_baseline_missing: base.missing,
          inbound_baseline_rss_peak_mb: base.rssPeakMb,
          inbound_baseline_kept_after_sigterm: base.keptAfterSigterm,
          inbound_baseline_rps: base.rps,
        }
      : {}),
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
