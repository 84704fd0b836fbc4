// The inbound log over HTTP: every machine call, accepted or refused (bad key, bad body),
// leaves one row with the request id of its answer, its endpoint, action, ids, status and
// message, and a server log line (info, warn when refused); no key, token or password ever
// lands in it. Only admins with a session read it (GET /api/admin/sync-log, /admin/sync-log).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SessionClient } from "../support/http";
import { startPanel, TEST_ADMIN, TEST_SYNC_KEY, type Panel } from "../support/panel";
import { post, query, sync, vpsSpec } from "../support/sync";

interface Row {
  endpoint: string;
  method: string;
  action: string | null;
  vps_id: number | null;
  external_id: string | null;
  status: number;
  error_code: string | null;
  message: string | null;
  duration_ms: number;
  request_id: string;
  client_address: string | null;
  idempotency_key: string | null;
}

const json = { "content-type": "application/json" };
const uniq = () => Math.random().toString(36).slice(2, 10);
const MAIN_SITE_IP = "198.51.100.10";
const from = { "x-forwarded-for": MAIN_SITE_IP };

describe("inbound log over HTTP", () => {
  let panel: Panel;
  let admin: SessionClient;
  const secrets: string[] = [TEST_SYNC_KEY, TEST_ADMIN.password];

  /** The row of the call answered with this request id; the insert is off the response path. */
  async function rowOf(requestId: string | null): Promise<Row> {
    assert.ok(requestId, "the answer carries x-request-id");
    for (let i = 0; i < 200; i++) {
      const [row] = await query<Row>(panel.databaseUrl, "SELECT * FROM inbound_log WHERE request_id = $1", [requestId]);
      if (row) return row;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no inbound log row for ${requestId}`);
  }

  /** The panel's "inbound call" log line for a request (its output arrives through a pipe). */
  async function logLine(requestId: string): Promise<string | undefined> {
    for (let i = 0; i < 200; i++) {
      const line = panel.logs().split("\n").find((l) => l.includes(requestId) && l.includes('"msg":"inbound call'));
      if (line) return line;
      await new Promise((r) => setTimeout(r, 50));
    }
    return undefined;
  }

  async function latestOf(endpoint: string): Promise<Row> {
    for (let i = 0; i < 200; i++) {
      const [row] = await query<Row>(panel.databaseUrl, "SELECT * FROM inbound_log WHERE endpoint = $1 ORDER BY id DESC LIMIT 1", [endpoint]);
      if (row) return row;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no inbound log row for ${endpoint}`);
  }

  before(async () => {
    panel = await startPanel({ demoData: false, env: { TRUST_PROXY: "1", LOG_LEVEL: "info" } });
    admin = new SessionClient(panel.url, from);
    assert.ok(await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password));
  });
  after(async () => {
    await panel?.stop();
  });

  it("a call with a bad key is kept: 401, endpoint, address; and warned in the server log", async () => {
    const wrongKey = `wrong-key-${uniq()}-0123456789abcdef0123456789`;
    secrets.push(wrongKey);
    const r = await sync(panel.url, { action: "delete", vps: { id: 1 } }, { key: wrongKey, headers: from });
    assert.equal(r.status, 401);
    const row = await rowOf(r.headers.get("x-request-id"));
    assert.equal(row.endpoint, "/api/vps/sync");
    assert.equal(row.method, "POST");
    assert.equal(row.status, 401);
    assert.equal(row.error_code, "unauthorized");
    assert.equal(row.client_address, MAIN_SITE_IP);
    const line = await logLine(row.request_id);
    assert.ok(line, "a server log line names the request id");
    assert.equal(JSON.parse(line).level, "warn");
  });

  it("a bad body is kept with its message, the password it carried is not", async () => {
    const password = `Pw ${uniq()} ${uniq()}`;
    secrets.push(password);
    const r = await post(panel.url, "/api/users/sync", { email: "not-an-email", password }, { headers: from, idempotencyKey: `k-${uniq()}` });
    assert.equal(r.status, 400, r.text);
    const row = await rowOf(r.headers.get("x-request-id"));
    assert.equal(row.endpoint, "/api/users/sync");
    assert.equal(row.status, 400);
    assert.ok(row.message && row.message.length > 0);
    assert.match(row.idempotency_key ?? "", /^k-/);

    const ram = await sync(panel.url, { action: "create", vps: vpsSpec({ user_id: 1, ram: 8, root_password: password }) }, { headers: from });
    assert.ok(ram.status >= 400 && ram.status < 500, ram.text);
    const ramRow = await rowOf(ram.headers.get("x-request-id"));
    assert.equal(ramRow.action, "create");
    assert.match(ramRow.message ?? "", /8192/);
  });

  it("an accepted call is kept with the VPS it created, and logged at info", async () => {
    const u = await post(panel.url, "/api/users/sync", { email: `in-${uniq()}@example.com`, password: `pw-${uniq()}-${uniq()}` }, { headers: from });
    assert.equal(u.status, 201, u.text);
    const rootPassword = `root-${uniq()}-${uniq()}`;
    secrets.push(rootPassword);
    const c = await sync(panel.url, { action: "create", vps: vpsSpec({ user_id: u.json.user.id, root_password: rootPassword }) }, { headers: from });
    assert.equal(c.status, 201, c.text);
    const row = await rowOf(c.headers.get("x-request-id"));
    assert.equal(row.status, 201);
    assert.equal(row.action, "create");
    assert.equal(row.vps_id, c.json.vps.id);
    assert.equal(row.error_code, null);
    const line = await logLine(row.request_id);
    assert.ok(line && JSON.parse(line).level === "info");

    const list = await admin.fetch(`/api/admin/sync-log?vps=${c.json.vps.id}`);
    assert.equal(list.status, 200);
    const body = await list.json();
    assert.deepEqual(body.calls.map((x: { request_id: string }) => x.request_id), [row.request_id]);
    const refused = await (await admin.fetch("/api/admin/sync-log?status=rejected&limit=200")).json();
    assert.ok(refused.total >= 2 && refused.calls.every((x: { status: number }) => x.status >= 400));
    const ok = await (await admin.fetch("/api/admin/sync-log?status=ok&endpoint=/api/vps/sync")).json();
    assert.ok(ok.total >= 1 && ok.calls.every((x: { status: number; endpoint: string }) => x.status < 400 && x.endpoint === "/api/vps/sync"));
    for (const bad of ["status=maybe", "vps=abc", "limit=0", "endpoint=DROP"])
      assert.equal((await admin.fetch(`/api/admin/sync-log?${bad}`)).status, 400, bad);
  });

  it("BILLmanager's and Bitrix's calls are kept too, without the password or token", async () => {
    const bmPassword = `bm pass ${uniq()}`;
    secrets.push(bmPassword);
    const form = new URLSearchParams();
    for (const a of ["--id=4242", `--password=${bmPassword}`, "--user=x"]) form.append("arg", a);
    const bm = await fetch(`${panel.url}/api/integrations/billmanager/nonsense`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-api-key": TEST_SYNC_KEY, ...from },
      body: form.toString(),
    });
    await bm.text();
    // BILLmanager's one-line answers carry no request id header: the newest row of its endpoint.
    const bmRow = await latestOf("/api/integrations/billmanager/:action");
    assert.equal(bmRow.endpoint, "/api/integrations/billmanager/:action");
    assert.equal(bmRow.action, "nonsense");
    assert.equal(bmRow.external_id, "4242");
    assert.equal(bmRow.status, bm.status);

    const badToken = `osp_${uniq()}${uniq()}${uniq()}`;
    secrets.push(badToken);
    const bx = await fetch(`${panel.url}/api/integrations/bitrix/configs`, { headers: { authorization: `Bearer ${badToken}`, ...from } });
    assert.equal(bx.status, 401);
    const bxRow = await latestOf("/api/integrations/bitrix/:command");
    assert.equal(bxRow.status, 401);
    assert.equal(bxRow.action, "configs");
  });

  it("a client, an anonymous visitor, a token and a foreign Origin cannot read the inbound log", async () => {
    const email = `cl-${uniq()}@example.com`;
    const password = `pw-${uniq()}-${uniq()}`;
    secrets.push(password);
    assert.equal((await post(panel.url, "/api/users/sync", { email, password }, { headers: from })).status, 201);
    const client = new SessionClient(panel.url, { "x-forwarded-for": "203.0.113.21" });
    assert.ok(await client.signIn(email, password));
    assert.equal((await client.fetch("/api/admin/sync-log")).status, 403);
    assert.equal((await fetch(`${panel.url}/api/admin/sync-log`)).status, 401);
    assert.equal((await fetch(`${panel.url}/api/admin/sync-log`, { headers: { "x-api-key": TEST_SYNC_KEY } })).status, 401);
    assert.equal((await admin.fetch("/api/admin/sync-log", { headers: { origin: "https://evil.example" } })).status, 403);
    const tokenRes = await admin.fetch("/api/tokens", { method: "POST", headers: json, body: JSON.stringify({ name: "reader", scopes: ["vps:read", "webhooks:admin"] }) });
    const token = (await tokenRes.json()).token.token;
    secrets.push(token);
    assert.equal((await fetch(`${panel.url}/api/admin/sync-log`, { headers: { authorization: `Bearer ${token}` } })).status, 401);

    const page = (c: SessionClient | null, headers: Record<string, string> = {}) =>
      c ? c.fetch("/admin/sync-log", { headers }) : fetch(`${panel.url}/admin/sync-log`, { headers, redirect: "manual" });
    const ok = await page(admin);
    assert.equal(ok.status, 200);
    assert.match(await ok.text(), /data-testid="sync-log-row"/);
    const forged = { rsc: "1", "next-router-state-tree": encodeURIComponent(JSON.stringify(["", { children: ["(admin)", {}] }])) };
    for (const [who, c] of [["anonymous", null], ["client", client]] as const) {
      for (const headers of [{}, forged]) {
        const r = await page(c, headers);
        assert.doesNotMatch(await r.text(), /sync-log-row|\/api\/vps\/sync/, `${who} ${JSON.stringify(headers)}: ${r.status}`);
      }
    }
    const foreign = await page(admin, { origin: "https://evil.example" });
    assert.doesNotMatch(await foreign.text(), /sync-log-row/);
  });

  it("no key, token or password ever lands in the inbound log", async () => {
    const [{ dump }] = await query<{ dump: string }>(panel.databaseUrl, "SELECT coalesce(string_agg(i::text, E'\\n'), '') AS dump FROM inbound_log i");
    assert.ok(dump.length > 0);
    for (const s of secrets) assert.ok(!dump.includes(s), `a secret (${s.slice(0, 6)}…) is in the inbound log`);
    const lines = panel.logs().split("\n").filter((l) => l.includes('"inbound call'));
    assert.ok(lines.length > 0);
    for (const s of secrets) assert.ok(!lines.some((l) => l.includes(s)), `a secret (${s.slice(0, 6)}…) is in the server log`);
  });
});
