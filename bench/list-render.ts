// Dashboard list render: a client with 1,000 VPS; the time to get the server-rendered
// HTML of /dashboard (full response body), median and p90 over 20 requests after
// warm-up. Target < 200 ms.
//   npx tsx bench/list-render.ts [--vps=1000] [--requests=20]
import http from "node:http";
import pg from "pg";
import { startPanel } from "../test/support/panel";
import { fmt, insertUsers, intArg, percentile, request, sessionCookie } from "./support";

const VPS = intArg("vps", 1000);
const REQUESTS = intArg("requests", 20);

async function main() {
  console.log(`list render: GET /dashboard for a client with ${VPS} VPS, ${REQUESTS} requests, PostgreSQL, production build`);
  const panel = await startPanel({ demoData: false, env: { LOG_LEVEL: "error" } });
  try {
    const [userId] = await insertUsers(panel.databaseUrl, 1, "list-");
    // Setup straight into the database: 1,000 sync requests would only slow the setup down.
    const c = new pg.Client({ connectionString: panel.databaseUrl });
    await c.connect();
    await c.query(
      `INSERT INTO vps (user_id, name, status, cpu, ram_mb, disk_gb, os, ip_address, created_at, updated_at)
       SELECT $1, 'server-' || lpad(g::text, 4, '0'),
              (ARRAY['creating','running','stopped','suspended'])[1 + g % 4]::"VpsStatus",
              1 + g % 8, 1024 * (1 + g % 16), 20 * (1 + g % 10), 'Ubuntu 22.04 LTS',
              '203.0.' || (g / 250) || '.' || (g % 250), now() - g * interval '1 hour', now()
         FROM generate_series(1, $2::int) g`,
      [userId, VPS],
    );
    await c.end();

    const cookie = await sessionCookie(userId, panel.env.NEXTAUTH_SECRET);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = () => request(panel.url, agent, { path: "/dashboard", headers: { cookie } });
    const first = await get();
    if (first.status !== 200) throw new Error(`GET /dashboard: ${first.status}`);
    const rows = (first.body.match(/data-testid="vps-row"/g) ?? []).length;
    for (let i = 0; i < 5; i++) await get();
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const t0 = performance.now();
      const r = await get();
      times.push(performance.now() - t0);
      if (r.status !== 200) throw new Error(`GET /dashboard: ${r.status}`);
    }
    agent.destroy();
    times.sort((a, b) => a - b);
    console.log("");
    console.log(`HTML ${fmt(first.body.length / 1024, 0)} KB, ${rows} table rows rendered`);
    console.log(`GET /dashboard   median ${fmt(percentile(times, 50), 1)} ms   p90 ${fmt(percentile(times, 90), 1)} ms   min ${fmt(times[0], 1)} ms   (target < 200 ms)`);
  } finally {
    await panel.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
