// Sync API throughput: N creates then N updates through POST /api/vps/sync on a
// production panel on PostgreSQL (workers on), and, in the same run, the same writes
// against a minimal node:http + pg server that does them in ONE prepared statement
// (bench/baseline-sync-server.ts). Prints panel req/s, baseline req/s and the
// panel/baseline ratio (target ≥ 0.6 for update), and, per update request, the CPU time of
// each server's Node process and of its database's PostgreSQL backends (from /proc).
// The two alternate over several rounds (which one goes first alternates too), so that
// background load on a shared machine hits both alike; the ratio is the median of the
// rounds' ratios.
// --baseline=full: the baseline also writes the other durable rows the panel writes per call
// (an audit_log row in the same statement, an inbound_log row after the response), so the
// ratio compares the same work; the default baseline writes the VPS row and its event only.
// --baseline=grouped: the baseline also coalesces concurrent updates into one statement, as
// the panel does (bench/baseline-sync-server.ts); combines with full (--baseline=full,grouped).
// --compare=<checkout>[,<checkout>…]: also panels started from other checkouts' builds (e.g.
// worktrees of the commits before each change), in the same paired rounds, so that what a
// change bought is measured against the same baseline at the same moment.
//   npx tsx bench/sync-throughput.ts [--n=500] [--concurrency=16] [--rounds=5] [--baseline=full] [--compare=/path/to/checkout]
//   BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npx tsx bench/sync-throughput.ts   (profile the panel)
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase } from "../lib/db";
import { migrate } from "../lib/migrate";
import { freePort, ROOT, startPanel, TEST_SYNC_KEY } from "../test/support/panel";
import { createTestDatabase } from "../test/support/pg";
import { fmt, intArg, load, row, type LoadResult, type Req } from "./support";

const N = intArg("n", 500);
const ROUNDS = intArg("rounds", 5);
const CONCURRENCY = intArg("concurrency", 16);
const WARMUP = 500;
const TICK_MS = 10; // USER_HZ is 100 on Linux
const BASELINE_KINDS = (process.argv.find((a) => a.startsWith("--baseline="))?.slice("--baseline=".length) ?? "").split(",");
const FULL = BASELINE_KINDS.includes("full");
const GROUPED = BASELINE_KINDS.includes("grouped");
const COMPARE = (process.argv.find((a) => a.startsWith("--compare="))?.slice("--compare=".length) ?? "").split(",").filter(Boolean);
const BASELINE =
  (FULL ? "baseline (full: + audit_log + inbound_log rows)" : "baseline (VPS row + event, one statement)") +
  (GROUPED ? ", concurrent updates coalesced as the panel does" : "");
const BASELINE_TAG = [FULL ? "full" : "", GROUPED ? "grouped" : ""].filter(Boolean).join(" ");

const headers = { "content-type": "application/json", "x-api-key": TEST_SYNC_KEY };
const createReqs = (userId: number, tag: string, n: number): Req[] =>
  Array.from({ length: n }, (_, i) => ({
    method: "POST",
    path: "/api/vps/sync",
    headers,
    body: JSON.stringify({ action: "create", vps: { user_id: userId, name: `${tag}-${i}`, cpu: 2, ram: 2048, disk: 40, os: "Debian 12", hypervisor: "proxmox" } }),
  }));
const updateReqs = (ids: number[]): Req[] =>
  ids.map((id, i) => ({ method: "POST", path: "/api/vps/sync", headers, body: JSON.stringify({ action: "update", vps: { id, status: i % 2 ? "stopped" : "running" } }) }));

/** CPU ms (user + system) of a process, from /proc/<pid>/stat; 0 when it is gone. */
function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** Node process + the PostgreSQL backends serving one database. */
interface Target {
  url: string;
  nodePid: () => number;
  monitor: pg.Client;
  database: string;
}
async function backendPids(t: Target): Promise<number[]> {
  const { rows } = await t.monitor.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [t.database]);
  return rows.map((r) => r.pid);
}
async function cpuSnapshot(t: Target) {
  const pids = await backendPids(t);
  return { node: cpuMs(t.nodePid()), pg: new Map(pids.map((p) => [p, cpuMs(p)])) };
}
async function cpuSince(t: Target, before: Awaited<ReturnType<typeof cpuSnapshot>>) {
  const after = await cpuSnapshot(t);
  let pgMs = 0;
  for (const [pid, ms] of after.pg) pgMs += ms - (before.pg.get(pid) ?? 0);
  return { node: after.node - before.node, pg: pgMs };
}

interface PhaseResult {
  create: LoadResult;
  update: LoadResult;
  cpu: { node: number; pg: number };
}

async function phase(t: Target, userId: number, tag: string): Promise<PhaseResult> {
  // Warm-up (JIT, connection pools, prepared statements): not measured.
  const warmIds: number[] = [];
  await load(t.url, createReqs(userId, `${tag}-warm`, WARMUP), CONCURRENCY, (_, s, b) => s < 300 && warmIds.push(JSON.parse(b).vps.id));
  await load(t.url, updateReqs(warmIds), CONCURRENCY);
  const ids: number[] = [];
  const create = await load(t.url, createReqs(userId, tag, N), CONCURRENCY, (_, s, b) => s < 300 && ids.push(JSON.parse(b).vps.id));
  const before = await cpuSnapshot(t);
  const update = await load(t.url, updateReqs(ids), CONCURRENCY);
  // The relay's work for these events belongs to them: let it finish before reading CPU.
  await new Promise((r) => setTimeout(r, 300));
  const cpu = await cpuSince(t, before);
  return { create, update, cpu: { node: cpu.node / ids.length, pg: cpu.pg / ids.length } };
}

async function main() {
  const load0 = loadavg().map((x) => x.toFixed(2)).join(" ");
  console.log(`sync throughput: ${N} creates + ${N} updates, concurrency ${CONCURRENCY}, ${ROUNDS} rounds, PostgreSQL, production build (load average ${load0})`);
  console.log(`${BASELINE}`);
  // BENCH_NODE_ARGS: extra node flags for the panel, space-separated (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean);
  const panel = await startPanel({ demoData: false, env: { LOG_LEVEL: "error" }, nodeArgs });
  const others = [];
  for (const root of COMPARE) others.push(await startPanel({ demoData: false, env: { LOG_LEVEL: "error" }, root }));
  for (const root of COMPARE) console.log(`compared: the panel built in ${root}`);
  const baseDb = await createTestDatabase("syncbench_baseline");
  let baseline: ReturnType<typeof spawn> | undefined;
  const monitors: pg.Client[] = [];
  try {
    const user = await fetch(`${panel.url}/api/users/sync`, { method: "POST", headers, body: JSON.stringify({ email: "bench@example.com" }) });
    const userId = (await user.json()).user.id as number;
    const otherUserIds: number[] = [];
    for (const o of others)
      otherUserIds.push((await (await fetch(`${o.url}/api/users/sync`, { method: "POST", headers, body: JSON.stringify({ email: "bench@example.com" }) })).json()).user.id as number);

    // The baseline gets its own database with the same schema, so the panel's relay never
    // touches its rows.
    const db = await openDatabase({ databaseUrl: baseDb.url, poolSize: 2 });
    await migrate(db, path.join(ROOT, "prisma/migrations"));
    await db.sql.query("INSERT INTO users (email, password_hash, updated_at) VALUES ('bench@example.com', 'x', now())");
    const baseUserId = (await db.sql.query<{ id: number }>("SELECT id FROM users"))[0].id;
    await db.close();
    const port = await freePort();
    baseline = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "bench/baseline-sync-server.ts")], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: baseDb.url, PORT: String(port), VPS_SYNC_API_KEY: TEST_SYNC_KEY, BASELINE_FULL: FULL ? "1" : "0", BASELINE_GROUPED: GROUPED ? "1" : "0" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve) => baseline!.stdout!.once("data", () => resolve()));

    const target = async (url: string, databaseUrl: string, nodePid: () => number): Promise<Target> => {
      const monitor = new pg.Client({ connectionString: databaseUrl });
      await monitor.connect();
      monitors.push(monitor);
      return { url, nodePid, monitor, database: new URL(databaseUrl).pathname.slice(1) };
    };
    const panelT = await target(panel.url, panel.databaseUrl, () => panel.pid());
    const baseT = await target(`http://127.0.0.1:${port}`, baseDb.url, () => baseline!.pid!);
    const otherTs: Target[] = [];
    for (const o of others) otherTs.push(await target(o.url, o.databaseUrl, () => o.pid()));

    const panelRuns: PhaseResult[] = [];
    const baseRuns: PhaseResult[] = [];
    const otherRuns: PhaseResult[][] = others.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      // Who goes first rotates, so that a burst of background load hits each alike.
      const steps = [
        async () => panelRuns.push(await phase(panelT, userId, `panel-r${round}`)),
        async () => baseRuns.push(await phase(baseT, baseUserId, `base-r${round}`)),
        ...otherTs.map((t, k) => async () => otherRuns[k].push(await phase(t, otherUserIds[k], `other${k}-r${round}`))),
      ];
      for (let i = 0; i < steps.length; i++) await steps[(round + i) % steps.length]();
      const [p, b] = [panelRuns[round], baseRuns[round]];
      console.log(
        `round ${round + 1}: create ${fmt(p.create.rps, 0)} vs ${fmt(b.create.rps, 0)} req/s, update ${fmt(p.update.rps, 0)} vs ${fmt(b.update.rps, 0)} req/s` +
          ` (ratio ${fmt(p.update.rps / b.update.rps, 2)}); CPU per update: panel node ${fmt(p.cpu.node, 2)} ms + pg ${fmt(p.cpu.pg, 2)} ms,` +
          ` baseline node ${fmt(b.cpu.node, 2)} ms + pg ${fmt(b.cpu.pg, 2)} ms` +
          otherRuns
            .map((runs) => runs[round])
            .map((o, k) => `; compared #${k + 1} update ${fmt(o.update.rps, 0)} req/s (ratio ${fmt(o.update.rps / b.update.rps, 2)}), node ${fmt(o.cpu.node, 2)} ms + pg ${fmt(o.cpu.pg, 2)} ms`)
            .join(""),
      );
    }
    const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const typical = (runs: PhaseResult[], k: "create" | "update") => {
      const rs = runs.map((r) => r[k]).sort((a, b) => a.rps - b.rps);
      return rs[Math.floor(rs.length / 2)];
    };
    const p = { create: typical(panelRuns, "create"), update: typical(panelRuns, "update") };
    const b = { create: typical(baseRuns, "create"), update: typical(baseRuns, "update") };
    const ratio = (k: "create" | "update") => median(panelRuns.map((r, i) => r[k].rps / baseRuns[i][k].rps));
    const cpu = (runs: PhaseResult[], k: "node" | "pg") => fmt(median(runs.map((r) => r.cpu[k])), 2);
    console.log("");
    console.log("median round:");
    console.log(row("panel    create (POST /api/vps/sync)", p.create));
    console.log(row("baseline create (node:http + pg)", b.create));
    console.log(row("panel    update", p.update));
    console.log(row("baseline update", b.update));
    console.log(`CPU per update (median): panel node ${cpu(panelRuns, "node")} ms, pg ${cpu(panelRuns, "pg")} ms; baseline node ${cpu(baseRuns, "node")} ms, pg ${cpu(baseRuns, "pg")} ms`);
    console.log("");
    console.log(`panel update ${fmt(p.update.rps, 0)} req/s, baseline update ${fmt(b.update.rps, 0)} req/s`);
    console.log(`ratio panel/${BASELINE_TAG ? `${BASELINE_TAG} ` : ""}baseline (median of ${ROUNDS} paired rounds): update ${fmt(ratio("update"), 2)} (target ≥ 0.6), create ${fmt(ratio("create"), 2)}`);
    otherRuns.forEach((runs, k) =>
      console.log(
        `compared #${k + 1} (${COMPARE[k]}): update ${fmt(typical(runs, "update").rps, 0)} req/s, ratio ${fmt(median(runs.map((r, i) => r.update.rps / baseRuns[i].update.rps)), 2)}, create ${fmt(median(runs.map((r, i) => r.create.rps / baseRuns[i].create.rps)), 2)};` +
          ` CPU per update node ${cpu(runs, "node")} ms, pg ${cpu(runs, "pg")} ms`,
      ),
    );
    console.log(`load average at the end: ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
    const errors = panelRuns.reduce((n, r) => n + r.create.errors + r.update.errors, 0);
    if (errors > 0) console.log(`panel errors: ${errors}`, panelRuns.map((r) => [r.create.statuses, r.update.statuses]));
  } finally {
    for (const m of monitors) await m.end().catch(() => {});
    baseline?.kill();
    for (const o of others) await o.stop();
    await panel.stop();
    await baseDb.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
