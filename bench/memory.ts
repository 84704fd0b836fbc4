// Panel memory under the dashboard load (issue 10): the production build's RSS (VmRSS of
// the panel process) idle, during 200 renders of /dashboard for a client with 1,000 VPS
// (sampled every 50 ms: peak and median), and after them (once the process has been left
// alone for a few seconds). Targets: ≤ 200 MB idle, ≤ 300 MB after.
//   node --import tsx bench/memory.ts [--vps=1000] [--renders=200] [--concurrency=2] [--settle=5] [--snapshots=DIR]
// --snapshots=DIR writes a V8 heap snapshot of the panel into DIR after the idle figure and
// another after the "after" figure (compare them with bench/heap-diff.ts); writing a
// snapshot itself raises RSS, so figures from such a run are not comparable with others.
// BENCH_NODE_ARGS are added to the start script's node flags (--trace-gc, which NODE_OPTIONS
// refuses); BENCH_PANEL_ENV="K=V ..." adds panel environment; --dist=DIR serves another build.
// BENCH_NODE_OPTIONS is handed to the panel as NODE_OPTIONS (experiments: heap flags,
// --heapsnapshot-signal=SIGUSR2 for a snapshot of the running panel).
import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { ROOT, startPanel } from "../test/support/panel";
import { rssOf } from "../test/support/upload";
import { ensureBuild, fmt, intArg, loadNote, percentile, printResult, request, signedInClientWithVps, stopOnExit } from "./support";

const VPS = intArg("vps", 1000);
const RENDERS = intArg("renders", 200);
const CONCURRENCY = intArg("concurrency", 2);
const SETTLE_S = intArg("settle", 5);
const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const flag = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const SNAPSHOTS = flag("snapshots");
// Experiments: another build directory (NEXT_DIST_DIR), extra panel environment ("K=V K=V").
const DIST = flag("dist");
const EXTRA_ENV = Object.fromEntries((process.env.BENCH_PANEL_ENV ?? "").split(/\s+/).filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]));

/** The panel as `npm start` runs it: package.json's start script, `[VAR=value ...] node [flags ...] dist/server.mjs`. */
function startCommand(): { env: Record<string, string>; nodeArgs: string[] } {
  const script = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.start;
  const m = /^((?:\w+=\S+\s+)*)node((?:\s+--?\S+)*)\s+dist\/server\.mjs$/.exec(script.trim());
  if (!m) throw new Error(`package.json's start script is not \`[VAR=value ...] node [flags ...] dist/server.mjs\`: ${script}`);
  const env = Object.fromEntries(m[1].split(/\s+/).filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]));
  return { env, nodeArgs: m[2].split(/\s+/).filter(Boolean) };
}

/** SIGUSR2 (the panel runs with --heapsnapshot-signal) and wait until the new file is complete. */
async function heapSnapshot(pid: number, dir: string): Promise<string> {
  const files = () => readdirSync(dir).filter((f) => f.endsWith(".heapsnapshot"));
  const known = new Set(files());
  process.kill(pid, "SIGUSR2");
  for (let last = -1; ; ) {
    await sleep(1000);
    const file = files().find((f) => !known.has(f));
    if (!file) continue;
    const size = statSync(path.join(dir, file)).size;
    // The snapshot is written in chunks: done once its size stops changing.
    if (size > 0 && size === last) return path.join(dir, file);
    last = size;
  }
}

async function main() {
  console.log(`memory: RSS of the panel idle, during ${RENDERS} renders of /dashboard (${VPS} VPS, ${CONCURRENCY} at once) and after, PostgreSQL, production build`);
  await ensureBuild();
  if (SNAPSHOTS) mkdirSync(SNAPSHOTS, { recursive: true });
  const snapshotFlags = SNAPSHOTS ? `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${path.resolve(SNAPSHOTS)}` : "";
  const nodeOptions = [process.env.BENCH_NODE_OPTIONS, snapshotFlags].filter(Boolean).join(" ");
  // As `npm start` runs it (its environment and node flags; not test/support/panel.ts's
  // --enable-source-maps, whose in-memory source maps the production panel does not pay for).
  const start = startCommand();
  console.log(`panel: ${Object.entries(start.env).map(([k, v]) => `${k}=${v} `).join("")}node ${[...start.nodeArgs, "dist/server.mjs"].join(" ")}${DIST ? ` (NEXT_DIST_DIR=${DIST})` : ""}${process.env.BENCH_NODE_ARGS ? ` +${process.env.BENCH_NODE_ARGS}` : ""}${nodeOptions ? ` NODE_OPTIONS=${nodeOptions}` : ""}${process.env.BENCH_PANEL_ENV ? ` ${process.env.BENCH_PANEL_ENV}` : ""}`);
  const panel = await startPanel({
    demoData: false,
    nodeArgs: [...start.nodeArgs, ...(process.env.BENCH_NODE_ARGS ?? "").split(/\s+/).filter(Boolean)],
    env: { ...start.env, LOG_LEVEL: "error", ...(DIST ? { NEXT_DIST_DIR: DIST } : {}), ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}), ...EXTRA_ENV },
  });
  const cleanup = stopOnExit(() => panel.stop());
  try {
    const pid = panel.pid();
    const cookie = await signedInClientWithVps(panel, "mem-", VPS);

    // Idle: started, signed in, left alone.
    await sleep(SETTLE_S * 1000);
    const idle = rssOf(pid);
    if (SNAPSHOTS) console.log(`heap snapshot before the load: ${await heapSnapshot(pid, SNAPSHOTS)}`);

    const samples: number[] = [];
    const sampler = setInterval(() => {
      try {
        samples.push(rssOf(pid));
      } catch {
        /* exited: the request that follows fails and says why */
      }
    }, 50);
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    let next = 0;
    let bytes = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        // A panel that died mid-load says so (its log's tail) instead of a bare socket error.
        while (next < RENDERS) {
          next++;
          const r = await request(panel.url, agent, { path: "/dashboard", headers: { cookie } }).catch((err: Error) => {
            throw new Error(`GET /dashboard: ${err.message}\n${panel.logs().slice(-2000)}`);
          });
          if (r.status !== 200) throw new Error(`GET /dashboard: ${r.status}\n${panel.logs().slice(-2000)}`);
          bytes = r.body.length;
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    agent.destroy();
    const endOfLoad = rssOf(pid);
    await sleep(SETTLE_S * 1000);
    const after = rssOf(pid);
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN) / 1024;
    if (SNAPSHOTS) console.log(`heap snapshot after the load: ${await heapSnapshot(pid, SNAPSHOTS)}`);
    samples.sort((a, b) => a - b);
    const peak = samples.at(-1) ?? endOfLoad;

    console.log("");
    console.log(`dashboard HTML ${fmt(bytes / 1024, 0)} KB; ${RENDERS} renders in ${fmt(seconds, 1)} s`);
    console.log(`RSS idle ${fmt(idle / MB)} MB   under load median ${fmt(percentile(samples, 50) / MB)} MB, peak ${fmt(peak / MB)} MB   at the end ${fmt(endOfLoad / MB)} MB   after ${SETTLE_S} s ${fmt(after / MB)} MB   (targets ≤ 200 / ≤ 300 MB)`);
    console.log(`after: anonymous ${fmt(kb("RssAnon"))} MB, file-backed ${fmt(kb("RssFile"))} MB`);
    console.log(loadNote());
    // BENCH_PANEL_LOG=N: the panel's last N log lines (with BENCH_NODE_OPTIONS=--trace-gc, its heap).
    const logLines = Number(process.env.BENCH_PANEL_LOG ?? 0);
    if (logLines > 0) console.log(panel.logs().trimEnd().split("\n").slice(-logLines).join("\n"));
    printResult({ rss_idle_mb: idle / MB, rss_load_mb: percentile(samples, 50) / MB, rss_peak_mb: peak / MB, rss_after_mb: after / MB });
  } finally {
    await cleanup();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
