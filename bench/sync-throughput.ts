// Sync API throughput: N creates then N updates through POST /api/vps/sync on a
// production panel on PostgreSQL, and, in the same run, the same writes against a
// minimal node:http + pg server (bench/baseline-sync-server.ts). Prints req/s, p50/p99
// and the panel/baseline ratio (target ≥ 0.5).
// The two alternate over several rounds (which one goes first alternates too), so that
// background load on a shared machine hits both alike; the ratio is the median of the
// rounds' ratios.
//   npx tsx bench/sync-throughput.ts [--n=500] [--concurrency=12] [--rounds=5]
import { spawn } from "node:child_process";
import path from "node:path";
import { openDatabase } from "../lib/db";
import { migrate } from "../lib/migrate";
import { freePort, ROOT, startPanel, TEST_SYNC_KEY } from "../test/support/panel";
import { createTestDatabase } from "../test/support/pg";
import { fmt, intArg, load, row, type LoadResult, type Req } from "./support";

const N = intArg("n", 500);
const ROUNDS = intArg("rounds", 5);
const CONCURRENCY = intArg("concurrency", 12);
const WARMUP = 500;

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

async function phase(url: string, userId: number, tag: string) {
  // Warm-up (JIT, connection pools, Next's route compilation cache): not measured.
  const warmIds: number[] = [];
  await load(url, createReqs(userId, `${tag}-warm`, WARMUP), CONCURRENCY, (_, s, b) => s < 300 && warmIds.push(JSON.parse(b).vps.id));
  await load(url, updateReqs(warmIds), CONCURRENCY);
  const ids: number[] = [];
  const create = await load(url, createReqs(userId, tag, N), CONCURRENCY, (_, s, b) => s < 300 && ids.push(JSON.parse(b).vps.id));
  const update = await load(url, updateReqs(ids), CONCURRENCY);
  return { create, update };
}

async function main() {
  console.log(`sync throughput: ${N} creates + ${N} updates, concurrency ${CONCURRENCY}, PostgreSQL, production build`);
  const panel = await startPanel({ demoData: false, env: { LOG_LEVEL: "error" } });
  const baseDb = await createTestDatabase("syncbench_baseline");
  let baseline: ReturnType<typeof spawn> | undefined;
  try {
    const user = await fetch(`${panel.url}/api/users/sync`, { method: "POST", headers, body: JSON.stringify({ email: "bench@example.com" }) });
    const userId = (await user.json()).user.id as number;

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
      env: { ...process.env, DATABASE_URL: baseDb.url, PORT: String(port), VPS_SYNC_API_KEY: TEST_SYNC_KEY },
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve) => baseline!.stdout!.once("data", () => resolve()));
    const baseUrl = `http://127.0.0.1:${port}`;

    const panelRuns: { create: LoadResult; update: LoadResult }[] = [];
    const baseRuns: { create: LoadResult; update: LoadResult }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      if (round % 2 === 0) {
        panelRuns.push(await phase(panel.url, userId, `panel-r${round}`));
        baseRuns.push(await phase(baseUrl, baseUserId, `base-r${round}`));
      } else {
        baseRuns.push(await phase(baseUrl, baseUserId, `base-r${round}`));
        panelRuns.push(await phase(panel.url, userId, `panel-r${round}`));
      }
      const [p, b] = [panelRuns[round], baseRuns[round]];
      console.log(`round ${round + 1}: create ${fmt(p.create.rps, 0)} vs ${fmt(b.create.rps, 0)} req/s, update ${fmt(p.update.rps, 0)} vs ${fmt(b.update.rps, 0)} req/s`);
    }
    const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const typical = (runs: typeof panelRuns, k: "create" | "update") => {
      const rs = runs.map((r) => r[k]).sort((a, b) => a.rps - b.rps);
      return rs[Math.floor(rs.length / 2)];
    };
    const p = { create: typical(panelRuns, "create"), update: typical(panelRuns, "update") };
    const b = { create: typical(baseRuns, "create"), update: typical(baseRuns, "update") };
    const ratio = (k: "create" | "update") => median(panelRuns.map((r, i) => r[k].rps / baseRuns[i][k].rps));
    console.log("");
    console.log("median round:");
    console.log(row("panel    create (POST /api/vps/sync)", p.create));
    console.log(row("baseline create (node:http + pg)", b.create));
    console.log(row("panel    update", p.update));
    console.log(row("baseline update", b.update));
    console.log("");
    console.log(`ratio panel/baseline (median of ${ROUNDS} paired rounds): create ${fmt(ratio("create"), 2)}, update ${fmt(ratio("update"), 2)} (target ≥ 0.5)`);
    const errors = panelRuns.reduce((n, r) => n + r.create.errors + r.update.errors, 0);
    if (errors > 0) console.log(`panel errors: ${errors}`, panelRuns.map((r) => [r.create.statuses, r.update.statuses]));
  } finally {
    baseline?.kill();
    await panel.stop();
    await baseDb.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
