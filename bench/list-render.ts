// Dashboard list render: a client with 1,000 VPS; the size of the server-rendered HTML of
// /dashboard (bytes of the full response body) and the time to get it, median and p90
// over 20 requests after warm-up, against the production build. Targets (issue 10):
// HTML ≤ 300 KB, median ≤ 100 ms.
//   npx tsx bench/list-render.ts [--vps=1000] [--requests=20] [--baseline=/path/to/other/checkout]
// With --baseline, the other checkout's production build serves the same data in the same
// run (its own database, same rows), and requests alternate between the two panels, so
// the machine's load weighs on both alike.
import http from "node:http";
import { startPanel, type Panel } from "../test/support/panel";
import { fmt, intArg, percentile, printResult, request, signedInClientWithVps } from "./support";

const VPS = intArg("vps", 1000);
const REQUESTS = intArg("requests", 20);
const BASELINE = process.argv.find((a) => a.startsWith("--baseline="))?.slice("--baseline=".length);

interface Target {
  name: string;
  panel: Panel;
  get: () => Promise<{ status: number; body: string }>;
  agent: http.Agent;
  times: number[];
  first?: string;
}

async function setUp(name: string, root?: string): Promise<Target> {
  const panel = await startPanel({ demoData: false, env: { LOG_LEVEL: "error" }, root });
  const cookie = await signedInClientWithVps(panel, "list-", VPS);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return { name, panel, agent, times: [], get: () => request(panel.url, agent, { path: "/dashboard", headers: { cookie } }) };
}

function report(t: Target) {
  const body = t.first ?? "";
  const rows = (body.match(/data-testid="vps-row"/g) ?? []).length;
  const cards = (body.match(/data-testid="vps-card"/g) ?? []).length;
  const bytes = Buffer.byteLength(body);
  const times = [...t.times].sort((a, b) => a - b);
  console.log(`${t.name.padEnd(9)} HTML ${String(bytes).padStart(8)} bytes (${fmt(bytes / 1024, 0)} KB), ${rows} table rows + ${cards} cards`);
  console.log(`${"".padEnd(9)} GET /dashboard median ${fmt(percentile(times, 50), 1)} ms   p90 ${fmt(percentile(times, 90), 1)} ms   min ${fmt(times[0], 1)} ms`);
  if (t.name === "this") printResult({ html_kb: fmt(bytes / 1024, 0), render_median_ms: fmt(percentile(times, 50), 1), render_p90_ms: fmt(percentile(times, 90), 1) });
}

async function main() {
  console.log(`list render: GET /dashboard for a client with ${VPS} VPS, ${REQUESTS} requests, PostgreSQL, production build${BASELINE ? `, baseline ${BASELINE} in the same run` : ""}`);
  const targets: Target[] = [];
  try {
    targets.push(await setUp("this"));
    if (BASELINE) targets.push(await setUp("baseline", BASELINE));
    for (const t of targets) {
      const first = await t.get();
      if (first.status !== 200) throw new Error(`${t.name} GET /dashboard: ${first.status}`);
      t.first = first.body;
      for (let i = 0; i < 5; i++) await t.get();
    }
    for (let i = 0; i < REQUESTS; i++) {
      for (const t of i % 2 ? [...targets].reverse() : targets) {
        const t0 = performance.now();
        const r = await t.get();
        t.times.push(performance.now() - t0);
        if (r.status !== 200) throw new Error(`${t.name} GET /dashboard: ${r.status}`);
      }
    }
    console.log("");
    for (const t of targets) report(t);
    console.log("targets: HTML ≤ 300 KB, median ≤ 100 ms");
  } finally {
    for (const t of targets) {
      t.agent.destroy();
      await t.panel.stop();
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
