// `npm run bench`: every benchmark of issue 10's table and issue 14's (resource graphs), one
// after another (never at once: they would measure each other), then a summary table each. Each benchmark prints its own
// figures and one machine-readable line (bench/support.ts, printResult):
//   RESULT key=value key=value ...
// which is what this script reads. A benchmark that is not there (bench/page-weight.ts
// until it lands) or that fails shows "n/a". Reuses the production build when present
// (dist/server.mjs + .next/BUILD_ID), otherwise runs `npm run build` first.
//   node --import tsx scripts/bench-all.ts [--only=live,sync,list,weight,memory,metrics] [--quick]
// The metrics row loads issue 14's volume (2,000 VPS × 30 days of history: 6–8 minutes on 2
// busy cores, most of it writing the history); --quick loads 200 VPS instead (~2 minutes;
// the same 720-point reads, on tables a tenth the size).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { ensureBuild, loadNote, parseResults } from "../bench/support";

const ROOT = path.resolve(import.meta.dirname, "..");
const only = process.argv.find((a) => a.startsWith("--only="))?.split("=")[1]?.split(",");
const quick = process.argv.includes("--quick");

interface Bench {
  key: string;
  file: string;
  args: string[];
}

const BENCHES: Bench[] = [
  { key: "live", file: "bench/live-latency.ts", args: ["--concurrency=1", "--updates=100"] },
  { key: "live", file: "bench/live-latency.ts", args: ["--concurrency=8", "--updates=200"] },
  { key: "sync", file: "bench/sync-throughput.ts", args: [] },
  // The same against a baseline that coalesces concurrent updates as the panel does: what the
  // rest of the panel costs, with the coalescing on both sides.
  { key: "sync", file: "bench/sync-throughput.ts", args: ["--baseline=grouped"] },
  { key: "list", file: "bench/list-render.ts", args: [] },
  { key: "weight", file: "bench/page-weight.ts", args: [] },
  { key: "memory", file: "bench/memory.ts", args: [] },
  { key: "metrics", file: "bench/metrics-ingest.ts", args: quick ? ["--vps=200", "--n=20000"] : [] },
];

function run(b: Bench): Promise<{ output: string; ok: boolean }> {
  return new Promise((resolve) => {
    console.log(`\n━━ ${b.file} ${b.args.join(" ")}`);
    const child = spawn(process.execPath, ["--import", "tsx", b.file, ...b.args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => {
      output += d;
      process.stdout.write(d);
    });
    child.stderr.on("data", (d: Buffer) => process.stderr.write(d));
    child.on("close", (code) => resolve({ output, ok: code === 0 }));
  });
}

/** Figures from the human lines of benchmarks that print no RESULT line (yet). */
function fallback(file: string, output: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (file.endsWith("list-render.ts")) {
    const html = /HTML ([\d.]+) KB/.exec(output);
    const median = /median ([\d.]+) ms/.exec(output);
    if (html) out.html_kb = html[1];
    if (median) out.render_median_ms = median[1];
  }
  if (file.endsWith("sync-throughput.ts")) {
    const ratio = /update ([\d.]+) \(target/.exec(output);
    const panel = /panel {4}update\s+(\d+) req\/s/.exec(output);
    const base = /baseline update\s+(\d+) req\/s/.exec(output);
    const tag = /ratio panel\/grouped baseline/.test(output) ? "_grouped" : "";
    if (ratio) out[`sync${tag}_ratio`] = ratio[1];
    if (panel) out[`panel${tag}_rps`] = panel[1];
    if (base) out[`baseline${tag}_rps`] = base[1];
  }
  return out;
}

async function main() {
  const startLoad = loadNote();
  console.log(`npm run bench — ${new Date().toISOString()}, ${startLoad}`);
  await ensureBuild();
  const r: Record<string, string> = {};
  const failed: string[] = [];
  const seconds: Record<string, number> = {};
  for (const b of BENCHES) {
    if (only && !only.includes(b.key)) continue;
    if (!existsSync(path.join(ROOT, b.file))) {
      console.log(`\n━━ ${b.file}: not present (n/a)`);
      continue;
    }
    const started = performance.now();
    const { output, ok } = await run(b);
    seconds[b.key] = (seconds[b.key] ?? 0) + (performance.now() - started) / 1000;
    if (!ok) failed.push(`${b.file} ${b.args.join(" ")}`.trim());
    Object.assign(r, fallback(b.file, output), parseResults(output));
  }

  const v = (k: string) => r[k] ?? "n/a";
  const num = (k: string) => (r[k] === undefined || r[k] === "n/a" ? NaN : Number(r[k]));
  const meets = (ok: boolean[], anyNaN: boolean) => (anyNaN ? "n/a" : ok.every(Boolean) ? "yes" : "NO");
  const rows: [string, string, string, string, string][] = [];
  const live = (c: number, target: number) => {
    const k = `live_c${c}`;
    rows.push([
      c === 1 ? "sync update → owner's event, one after another" : `same, ${c} updates in flight`,
      `p50 ${v(`${k}_p50`)} / p90 ${v(`${k}_p90`)} / p99 ${v(`${k}_p99`)} ms (missed ${v(`${k}_missed`)})`,
      "—",
      `p99 < ${target} ms`,
      meets([num(`${k}_p99`) < target, num(`${k}_missed`) === 0], Number.isNaN(num(`${k}_p99`))),
    ]);
  };
  live(1, 25);
  live(8, 50);
  rows.push([
    "sync update throughput (16 conn.) vs one-statement node:http + pg",
    `${v("panel_rps")} req/s, ratio ${v("sync_ratio")}`,
    `${v("baseline_rps")} req/s`,
    "ratio ≥ 0.6",
    meets([num("sync_ratio") >= 0.6], Number.isNaN(num("sync_ratio"))),
  ]);
  rows.push([
    "same, vs a baseline that coalesces updates as the panel does",
    `${v("panel_grouped_rps")} req/s, ratio ${v("sync_grouped_ratio")}`,
    `${v("baseline_grouped_rps")} req/s`,
    "— (for reading)",
    "—",
  ]);
  rows.push([
    "/dashboard of a client with 1,000 VPS",
    `${v("html_kb")} KB HTML, warm median ${v("render_median_ms")} ms`,
    "—",
    "≤ 300 KB, ≤ 100 ms",
    meets([num("html_kb") <= 300, num("render_median_ms") <= 100], Number.isNaN(num("html_kb")) || Number.isNaN(num("render_median_ms"))),
  ]);
  rows.push([
    "JavaScript the dashboard loads (gzipped)",
    r.js_gzip_kb ? `${v("js_gzip_kb")} KB gzipped${r.js_files ? `, ${v("js_files")} files` : ""}` : "n/a",
    "—",
    "≤ 170 KB",
    meets([num("js_gzip_kb") <= 170], Number.isNaN(num("js_gzip_kb"))),
  ]);
  rows.push([
    "panel RSS idle / under the dashboard load / after 200 renders",
    `${v("rss_idle_mb")} / ${v("rss_load_mb")} (peak ${v("rss_peak_mb")}) / ${v("rss_after_mb")} MB`,
    "—",
    "≤ 200 / — / ≤ 300 MB",
    meets([num("rss_idle_mb") <= 200, num("rss_after_mb") <= 300], Number.isNaN(num("rss_idle_mb"))),
  ]);

  const ran = (key: string) => !only || only.includes(key);
  if (BENCHES.some((b) => b.key !== "metrics" && ran(b.key))) {
    console.log("\n\nSummary (issue 10)");
    console.log(`| what | this run | same-run baseline | target | met |`);
    console.log(`|---|---|---|---|---|`);
    for (const row of rows) console.log(`| ${row.join(" | ")} |`);
  }

  if (ran("metrics")) {
    /** A figure rounded for the table (the RESULT line keeps 3 decimals). */
    const d = (k: string, digits: number) => (Number.isNaN(num(k)) ? "n/a" : num(k).toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits }));
    const volume = `${d("metrics_vps", 0)} VPS × ${d("metrics_days", 0)} days${quick ? " (--quick: not the issue's 2,000)" : ""}`;
    const m: [string, string, string, string, string][] = [
      [
        "POST /api/vps/metrics end to end vs a raw pg unnest INSERT of the same rows (median of paired rounds)",
        `${d("metrics_ingest_sps", 0)} samples/s, ratio ${d("metrics_ratio", 2)}`,
        `${d("metrics_raw_sps", 0)} samples/s`,
        "ratio ≥ 0.5 and ≥ 20,000 samples/s",
        meets([num("metrics_ratio") >= 0.5, num("metrics_ingest_sps") >= 20_000], Number.isNaN(num("metrics_ratio"))),
      ],
      [
        `30-day chart, GET …/metrics?range=30d (vps:read token, 720 points), ${volume} loaded`,
        `p50 ${d("metrics_30d_p50", 1)} / p99 ${d("metrics_30d_p99", 1)} ms`,
        "—",
        "p99 < 50 ms",
        meets([num("metrics_30d_p99") < 50], Number.isNaN(num("metrics_30d_p99"))),
      ],
      ["same, 7 days (5-minute rollups by 30 min) / a year (hourly by day)", `p99 ${d("metrics_7d_p99", 1)} / ${d("metrics_1y_p99", 1)} ms`, "—", "—", "—"],
      ["storage a VPS keeps after a year (48 h raw, 35 days of 5-minute, 365 days of hourly rollups; heap + indexes)", `${d("metrics_mb_vps_year", 2)} MB`, "—", "—", "—"],
    ];
    console.log("\n\nSummary (issue 14)");
    console.log(`| what | this run | same-run baseline | target | met |`);
    console.log(`|---|---|---|---|---|`);
    for (const row of m) console.log(`| ${row.join(" | ")} |`);
    if (seconds.metrics) console.log(`(bench/metrics-ingest.ts took ${Math.round(seconds.metrics)} s)`);
  }
  console.log(`\nload at start: ${startLoad}`);
  console.log(`load at end:   ${loadNote()}`);
  if (failed.length > 0) {
    console.log(`failed: ${failed.join("; ")}`);
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
