// CPU profile of the panel under sync `update` load only (no creates: the VPS rows are
// inserted with SQL), for reading the hot path's self times. Writes a .cpuprofile (node
// --cpu-prof) of the panel process into --dir when the panel stops.
//   npx tsx bench/sync-update-profile.ts [--n=4000] [--concurrency=16] [--dir=/tmp/sync-prof]
import pg from "pg";
import { startPanel, TEST_SYNC_KEY } from "../test/support/panel";
import { fmt, intArg, load, row, type Req } from "./support";

const N = intArg("n", 4000);
const CONCURRENCY = intArg("concurrency", 16);
const dir = process.argv.find((a) => a.startsWith("--dir="))?.slice(6) ?? "/tmp/sync-prof";
const headers = { "content-type": "application/json", "x-api-key": TEST_SYNC_KEY };

async function main() {
  const panel = await startPanel({ demoData: false, env: { LOG_LEVEL: "error" }, nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`] });
  try {
    const user = await fetch(`${panel.url}/api/users/sync`, { method: "POST", headers, body: JSON.stringify({ email: "prof@example.com" }) });
    const userId = (await user.json()).user.id as number;
    const client = new pg.Client({ connectionString: panel.databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO vps (user_id, name, status, cpu, ram_mb, disk_gb, os, hypervisor, created_at, updated_at)
       SELECT $1, 'prof-' || i, 'running', 2, 2048, 40, 'Debian 12', 'proxmox', now(), now() FROM generate_series(1, $2::int) i RETURNING id`,
      [userId, N],
    );
    await client.end();
    const reqs: Req[] = rows.map((r, i) => ({ method: "POST", path: "/api/vps/sync", headers, body: JSON.stringify({ action: "update", vps: { id: r.id, status: i % 2 ? "stopped" : "running" } }) }));
    const result = await load(panel.url, reqs, CONCURRENCY);
    console.log(row("panel update", result));
    console.log(`profile in ${dir} (${fmt(result.rps, 0)} req/s under the profiler)`);
  } finally {
    await panel.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
