// Resource graphs over HTTP (PRODUCT.md §11): the main site's POST /api/vps/metrics (key,
// per-sample rejections, unknown VPS, a batch at the limit and over it, a repeat replacing
// the sample), the reads GET /api/vps/:id/metrics and /traffic for the owner, admins and
// vps:read tokens only (another client 404, anonymous 401, a token without the scope 403),
// and the live `vps.metrics` socket event reaching the owner and admins only.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { io, type Socket } from "socket.io-client";
import { signInDemoUsers, type SessionClient } from "../support/http";
import { issueToken } from "../support/issue-token";
import { startPanel, TEST_ADMIN, type Panel } from "../support/panel";
import { post, query } from "../support/sync";

const MIN = 60_000;
const EVIL = "https://evil.example";

function connect(url: string, client: SessionClient | null, origin?: string): Promise<{ socket: Socket; got: { vps_id: number; points: { at: string; cpu_percent: number | null }[] }[] }> {
  const cookie = client ? client.cookieList.map((c) => `${c.name}=${c.value}`).join("; ") : "";
  const socket = io(url, { path: "/socket.io/", transports: ["websocket"], extraHeaders: { cookie, ...(origin ? { origin } : {}) }, reconnection: false });
  const got: { vps_id: number; points: { at: string; cpu_percent: number | null }[] }[] = [];
  socket.on("vps.metrics", (m: (typeof got)[number]) => got.push(m));
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve({ socket, got }));
    socket.once("connect_error", reject);
  });
}

async function until(check: () => boolean, ms = 8000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
  return true;
}

describe("resource graphs over HTTP", () => {
  let panel: Panel;
  let users: Awaited<ReturnType<typeof signInDemoUsers>>;
  let own: number; // a VPS of the demo client
  let janes: number; // a VPS of the second client
  const sockets: Socket[] = [];
  const ingest = (body: unknown, key?: string | null) => post(panel.url, "/api/vps/metrics", body, key === undefined ? {} : { key });
  const iso = (ms: number) => new Date(ms).toISOString();

  before(async () => {
    panel = await startPanel({ env: { TRUST_PROXY: "1" } });
    users = await signInDemoUsers(panel.url, TEST_ADMIN);
    own = ((await (await users.client.fetch("/api/vps")).json()) as { vps: { id: number }[] }).vps[0]!.id;
    janes = ((await (await users.jane.fetch("/api/vps")).json()) as { vps: { id: number }[] }).vps[0]!.id;
  });
  after(async () => {
    for (const s of sockets) s.close();
    await panel?.stop();
  });

  it("refuses a missing or wrong X-API-Key with 401 and writes nothing", async () => {
    const body = { samples: [{ vps_id: own, at: iso(Date.now() - MIN), cpu_percent: 50 }] };
    assert.equal((await ingest(body, null)).status, 401);
    const wrong = await ingest(body, "wrong-key-0123456789abcdef0123456789abcdef");
    assert.equal(wrong.status, 401);
    assert.equal(wrong.json.message, "Invalid or missing API key");
    const [row] = await query<{ n: number }>(panel.databaseUrl, "SELECT count(*)::int AS n FROM vps_metric_samples");
    assert.equal(row!.n, 0);
  });

  it("accepts good samples, rejects each bad one by index (unknown VPS too), and a repeat replaces", async () => {
    const at = iso(Date.now() - 2 * MIN);
    const r = await ingest({
      samples: [
        { vps_id: own, at, cpu_percent: 10, ram_used_mb: 700, net_rx_bps: 1000 },
        { vps_id: own, at: "2026-13-45" },
        { vps_id: 987_654, at },
        { vps_id: own, at, cpu_percent: "high" },
        { at },
        { vps_id: janes, at },
      ],
    });
    assert.equal(r.status, 202);
    assert.equal(r.json.accepted, 2);
    assert.deepEqual(r.json.rejected.map((x: { index: number }) => x.index), [1, 2, 3, 4]);
    assert.equal(r.json.rejected[1].message, "VPS 987654 not found");
    assert.match(r.json.rejected[2].message, /^cpu_percent: /);
    assert.match(r.json.rejected[3].message, /^vps_id: /);

    const again = await ingest({ samples: [{ vps_id: own, at, cpu_percent: 20 }] });
    assert.deepEqual(again.json, { accepted: 1, rejected: [] });
    const rows = await query<{ cpu_percent: number; ram_used_mb: number | null }>(panel.databaseUrl, "SELECT cpu_percent, ram_used_mb FROM vps_metric_samples WHERE vps_id = $1", [own]);
    assert.deepEqual(rows, [{ cpu_percent: 20, ram_used_mb: null }], "the repeat replaced the sample whole");
  });

  it("refuses a body that is not a batch: no samples, not an array, not JSON", async () => {
    assert.equal((await ingest({ samples: [] })).status, 400);
    assert.equal((await ingest({ samples: "x" })).status, 400);
    assert.equal((await ingest({})).status, 400);
    assert.equal((await post(panel.url, "/api/vps/metrics", "{not json")).status, 400);
  });

  it("takes a batch of exactly 5,000 samples, and refuses 5,001 whole", async () => {
    const start = Date.now() - 45 * 3_600_000;
    const batch = (n: number, vpsId: number) =>
      Array.from({ length: n }, (_, i) => ({
        vps_id: vpsId,
        at: iso(start + i * 30_000),
        cpu_percent: (i % 100) + 0.5,
        ram_used_mb: 1024,
        disk_read_bps: 1e6,
        disk_write_bps: 5e5,
        net_rx_bps: 1.25e6,
        net_tx_bps: 2.5e5,
      }));
    const over = await ingest({ samples: batch(5001, janes) });
    assert.equal(over.status, 400);
    assert.match(over.json.message + JSON.stringify(over.json.errors ?? []), /5000/);
    const [none] = await query<{ n: number }>(panel.databaseUrl, "SELECT count(*)::int AS n FROM vps_metric_samples WHERE vps_id = $1 AND at < now() - interval '3 hours'", [janes]);
    assert.equal(none!.n, 0, "nothing of the refused batch was written");

    const full = await ingest({ samples: batch(5000, own) });
    assert.equal(full.status, 202, full.text.slice(0, 300));
    assert.deepEqual(full.json, { accepted: 5000, rejected: [] });
    const [n] = await query<{ n: number }>(panel.databaseUrl, "SELECT count(*)::int AS n FROM vps_metric_samples WHERE vps_id = $1", [own]);
    assert.equal(n!.n, 5001);
  });

  it("reads the series for the owner, an admin and a vps:read token; 404 for another client, 401 anonymous", async () => {
    // The rollups are built by the panel's worker every 20 s; wait for the 24h series to fill.
    let day: { range: string; step_seconds: number; points: { at: string; cpu_percent: number | null }[] } | undefined;
    const end = Date.now() + 60_000;
    while (Date.now() < end) {
      day = (await (await users.client.fetch(`/api/vps/${own}/metrics?range=24h`)).json()) as typeof day;
      if (day && day.points.length >= 200) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    assert.ok(day && day.points.length >= 200, "the 24h series filled from the rollups");
    assert.equal(day!.range, "24h");
    assert.equal(day!.step_seconds, 300);

    const hour = await users.client.fetch(`/api/vps/${own}/metrics?range=hour`);
    assert.equal(hour.status, 200);
    const h = (await hour.json()) as { range: string; step_seconds: number; points: { cpu_percent: number | null }[] };
    assert.equal(h.range, "1h");
    assert.equal(h.step_seconds, 60);
    assert.ok(h.points.some((p) => p.cpu_percent === 20), "the latest raw sample is in the hour");
    for (const range of ["7d", "30d", "1y", "week", "month", "year", "day"]) {
      const res = await users.admin.fetch(`/api/vps/${own}/metrics?range=${range}`);
      assert.equal(res.status, 200, `admin range ${range}`);
    }
    assert.equal((await users.client.fetch(`/api/vps/${own}/metrics?range=decade`)).status, 400);

    const token = await issueToken(panel.url, "client@ospab.local", "client-demo-pass", ["vps:read"]);
    const bearer = { headers: { authorization: `Bearer ${token}` } };
    assert.equal((await fetch(`${panel.url}/api/vps/${own}/metrics?range=1h`, bearer)).status, 200);
    assert.equal((await fetch(`${panel.url}/api/vps/${own}/traffic`, bearer)).status, 200);
    assert.equal((await fetch(`${panel.url}/api/vps/${janes}/metrics`, bearer)).status, 404, "the token's owner does not own it");
    const writeOnly = await issueToken(panel.url, "client@ospab.local", "client-demo-pass", ["vps:write"]);
    assert.equal((await fetch(`${panel.url}/api/vps/${own}/metrics`, { headers: { authorization: `Bearer ${writeOnly}` } })).status, 403);

    for (const path of [`/api/vps/${own}/metrics?range=1h`, `/api/vps/${own}/traffic`]) {
      const other = await users.jane.fetch(path);
      assert.equal(other.status, 404, `another client: ${path}`);
      assert.equal(((await other.json()) as { message: string }).message, `VPS ${own} not found`);
      assert.equal((await fetch(`${panel.url}${path}`)).status, 401, `anonymous: ${path}`);
      // A foreign page can send the cookie but never read the answer: no CORS grant.
      const cross = await users.client.fetch(path, { headers: { origin: EVIL } });
      assert.equal(cross.headers.get("access-control-allow-origin"), null, `no CORS grant: ${path}`);
      await cross.body?.cancel();
    }
  });

  it("traffic of a month sums the samples' bytes and carries the plan's quota", async () => {
    const [plan] = await query<{ id: number }>(panel.databaseUrl, "UPDATE plans SET traffic_quota_gb = 500 WHERE code = 'vps-pro' RETURNING id");
    const [order] = await query<{ id: number }>(
      panel.databaseUrl,
      "INSERT INTO orders (user_id, plan_id, os, status, updated_at) SELECT user_id, $2, os, 'finished', now() FROM vps WHERE id = $1 RETURNING id",
      [own, plan!.id],
    );
    await query(panel.databaseUrl, "UPDATE vps SET order_id = $1 WHERE id = $2", [order!.id, own]);
    // Expected: every sample (30 s apart, 1.25 MB/s in) covers 30 s, the first one 60 s.
    const rows = await query<{ at: Date; net_rx_bps: number | null; prev: Date | null }>(
      panel.databaseUrl,
      "SELECT at, net_rx_bps, lag(at) OVER (ORDER BY at) AS prev FROM vps_metric_samples WHERE vps_id = $1 ORDER BY at",
      [own],
    );
    const byMonth = new Map<string, number>();
    for (const r of rows) {
      const gap = r.prev ? r.at.getTime() - r.prev.getTime() : Infinity;
      const secs = gap <= 5 * MIN ? gap / 1000 : 60;
      const m = r.at.toISOString().slice(0, 7);
      byMonth.set(m, (byMonth.get(m) ?? 0) + (r.net_rx_bps ?? 0) * secs);
    }
    assert.ok(byMonth.size > 0, "the earlier tests left samples");
    for (const [month, rx] of byMonth) {
      let t: { month: string; rx_bytes: number; tx_bytes: number; quota_bytes: number | null } | undefined;
      const end = Date.now() + 60_000;
      while (Date.now() < end) {
        t = (await (await users.client.fetch(`/api/vps/${own}/traffic?month=${month}`)).json()) as typeof t;
        if (t && Math.abs(t.rx_bytes - rx) <= 1) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      assert.equal(t!.month, month);
      assert.ok(Math.abs(t!.rx_bytes - rx) <= 1, `rx ${t!.rx_bytes} ≠ ${rx}`);
      assert.equal(t!.quota_bytes, 500 * 1e9);
    }
    const empty = (await (await users.client.fetch(`/api/vps/${own}/traffic?month=2020-01`)).json()) as { rx_bytes: number; tx_bytes: number };
    assert.deepEqual([empty.rx_bytes, empty.tx_bytes], [0, 0]);
    const unmetered = (await (await users.jane.fetch(`/api/vps/${janes}/traffic`)).json()) as { quota_bytes: number | null };
    assert.equal(unmetered.quota_bytes, null, "a VPS without a plan is unmetered");
    assert.equal((await users.client.fetch(`/api/vps/${own}/traffic?month=2026-13`)).status, 400);
  });

  it("new samples reach the owner's and admins' sockets as vps.metrics, not another client's; a foreign Origin cannot connect", async () => {
    const owner = await connect(panel.url, users.client);
    const admin = await connect(panel.url, users.admin);
    const jane = await connect(panel.url, users.jane);
    sockets.push(owner.socket, admin.socket, jane.socket);
    await assert.rejects(connect(panel.url, users.client, EVIL), "a foreign Origin is refused");

    const at = iso(Date.now() - 5_000);
    assert.equal((await ingest({ samples: [{ vps_id: own, at, cpu_percent: 42 }] })).status, 202);
    const heard = (s: { got: { vps_id: number; points: { at: string; cpu_percent: number | null }[] }[] }) =>
      s.got.some((m) => m.vps_id === own && m.points.some((p) => p.at === at && p.cpu_percent === 42));
    assert.ok(await until(() => heard(owner)), "the owner's socket");
    assert.ok(await until(() => heard(admin)), "an admin's socket");
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(jane.got.filter((m) => m.vps_id === own).length, 0, "another client hears nothing of it");
  });
});
