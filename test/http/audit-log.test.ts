// The audit log over HTTP: every change by the main site, a client, a token or an admin
// leaves one row naming who (actor type, user, token, label), what, the target, the client
// address and the request id of the response (x-request-id); a refused change leaves none,
// and a change that fails after its audit row was written takes the row with it (same
// transaction). Only admins with a session read it (GET /api/audit, /admin/audit); no
// secret ever lands in it.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SessionClient } from "../support/http";
import { startPanel, TEST_ADMIN, TEST_SYNC_KEY, type Panel } from "../support/panel";
import { post, query, sync } from "../support/sync";

interface AuditRow {
  id: string;
  created_at: Date;
  actor_type: string;
  actor_user_id: number | null;
  actor_token_id: number | null;
  actor_label: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  client_address: string | null;
  request_id: string | null;
  details: Record<string, unknown>;
}

const json = { "content-type": "application/json" };
const uniq = () => Math.random().toString(36).slice(2, 10);
// Each caller comes from its own documentation address (TRUST_PROXY=1 believes X-Forwarded-For).
const MAIN_SITE_IP = "198.51.100.10";
const CLIENT_IP = "203.0.113.21";
const ADMIN_IP = "203.0.113.99";
const from = (ip: string) => ({ "x-forwarded-for": ip });

describe("audit log over HTTP", () => {
  let panel: Panel;
  let admin: SessionClient;
  const secrets: string[] = [TEST_SYNC_KEY, TEST_ADMIN.password];

  const rowsFor = (requestId: string | null) => {
    assert.ok(requestId, "the response carries x-request-id");
    return query<AuditRow>(panel.databaseUrl, "SELECT * FROM audit_log WHERE request_id = $1 ORDER BY id", [requestId]);
  };
  const machine = (path: string, body: unknown) => post(panel.url, path, body, { headers: from(MAIN_SITE_IP) });

  async function newClient(ip = CLIENT_IP) {
    const email = `audit-${uniq()}@example.com`;
    const password = `pw-${uniq()}-${uniq()}`;
    secrets.push(password);
    const r = await machine("/api/users/sync", { email, password });
    assert.equal(r.status, 201, r.text);
    const client = new SessionClient(panel.url, from(ip));
    assert.ok(await client.signIn(email, password));
    return { id: r.json.user.id as number, email, password, client, syncRequestId: r.headers.get("x-request-id") };
  }

  async function newVps(userId: number, over: Record<string, unknown> = {}) {
    const rootPassword = `root-${uniq()}-${uniq()}`;
    secrets.push(rootPassword);
    const r = await post(
      panel.url,
      "/api/vps/sync",
      { action: "create", vps: { user_id: userId, name: `audit-${uniq()}`, cpu: 1, ram: 1024, disk: 10, os: "Debian 12", root_password: rootPassword, ...over } },
      { headers: from(MAIN_SITE_IP) },
    );
    assert.equal(r.status, 201, r.text);
    return { id: r.json.vps.id as number, requestId: r.headers.get("x-request-id") };
  }

  before(async () => {
    panel = await startPanel({ demoData: false, env: { TRUST_PROXY: "1", WEBHOOK_ALLOW_PRIVATE: "1" } });
    admin = new SessionClient(panel.url, from(ADMIN_IP));
    assert.ok(await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password));
  });
  after(async () => {
    await panel?.stop();
  });

  it("the main site's user sync and VPS create / update / delete each leave a machine row with address and request id", async () => {
    const { id: userId, email, syncRequestId } = await newClient();
    const [synced] = await rowsFor(syncRequestId);
    assert.equal(synced.action, "user.synced");
    assert.equal(synced.actor_type, "machine");
    assert.equal(synced.actor_label, "main-site");
    assert.equal(synced.client_address, MAIN_SITE_IP);
    assert.deepEqual([synced.target_type, synced.target_id], ["user", String(userId)]);
    assert.equal(synced.details.email, email);

    const created = await newVps(userId);
    const [c] = await rowsFor(created.requestId);
    assert.deepEqual(
      [c.action, c.actor_type, c.actor_label, c.actor_user_id, c.client_address, c.target_type, c.target_id],
      ["vps.created", "machine", "main-site", null, MAIN_SITE_IP, "vps", String(created.id)],
    );

    const upd = await sync(panel.url, { action: "update", vps: { id: created.id, status: "running", root_password: `new-root-${uniq()}` } }, { headers: from(MAIN_SITE_IP) });
    assert.equal(upd.status, 200, upd.text);
    const updRows = await rowsFor(upd.headers.get("x-request-id"));
    assert.equal(updRows.length, 1);
    assert.deepEqual([updRows[0].action, updRows[0].actor_type, updRows[0].client_address, updRows[0].target_id], ["vps.updated", "machine", MAIN_SITE_IP, String(created.id)]);
    assert.deepEqual(updRows[0].details.changed, ["root_password"]);
    assert.deepEqual([updRows[0].details.previous_status, updRows[0].details.status], ["creating", "running"]);

    const del = await sync(panel.url, { action: "delete", vps: { id: created.id } }, { headers: from(MAIN_SITE_IP) });
    assert.equal(del.status, 200, del.text);
    const [d] = await rowsFor(del.headers.get("x-request-id"));
    assert.deepEqual([d.action, d.actor_type, d.client_address, d.target_id], ["vps.deleted", "machine", MAIN_SITE_IP, String(created.id)]);
  });

  it("a client's action request names the client (user id, email) and their address", async () => {
    const { id: userId, email, client } = await newClient();
    const vps = await newVps(userId, { status: "running" });
    const res = await client.fetch(`/api/vps/${vps.id}/actions`, { method: "POST", headers: json, body: JSON.stringify({ action: "stop" }) });
    assert.equal(res.status, 202, await res.text());
    const [row] = await rowsFor(res.headers.get("x-request-id"));
    assert.deepEqual(
      [row.action, row.actor_type, row.actor_user_id, row.actor_label, row.client_address, row.target_type, row.target_id, row.details.action],
      ["vps.action_requested", "user", userId, email, CLIENT_IP, "vps", String(vps.id), "stop"],
    );
  });

  it("token create and revoke are recorded for their owner, never with the token", async () => {
    const { id: userId, client } = await newClient();
    const res = await client.fetch("/api/tokens", { method: "POST", headers: json, body: JSON.stringify({ name: "ci", scopes: ["vps:read"] }) });
    assert.equal(res.status, 201);
    const token = (await res.json()).token;
    secrets.push(token.token);
    const [created] = await rowsFor(res.headers.get("x-request-id"));
    assert.deepEqual([created.action, created.actor_type, created.actor_user_id, created.target_id], ["token.created", "user", userId, String(token.id)]);
    assert.deepEqual(created.details.scopes, ["vps:read"]);

    const revoke = await client.fetch(`/api/tokens/${token.id}`, { method: "DELETE" });
    assert.equal(revoke.status, 200);
    const [revoked] = await rowsFor(revoke.headers.get("x-request-id"));
    assert.deepEqual([revoked.action, revoked.actor_user_id, revoked.target_id, revoked.client_address], ["token.revoked", userId, String(token.id), CLIENT_IP]);
    // Revoking again changes nothing and records nothing.
    const again = await client.fetch(`/api/tokens/${token.id}`, { method: "DELETE" });
    assert.equal(again.status, 200);
    assert.equal((await rowsFor(again.headers.get("x-request-id"))).length, 0);
  });

  it("webhook create / update / delete by an admin session and by an admin's webhooks:admin token", async () => {
    const secret = `whsec-${uniq()}-${uniq()}`;
    const newSecret = `whsec-new-${uniq()}-${uniq()}`;
    secrets.push(secret, newSecret);
    const c = await admin.fetch("/api/webhooks", {
      method: "POST",
      headers: json,
      body: JSON.stringify({ name: "audit hook", url: `http://127.0.0.1:9/hook?key=${secret}`, event_type: ["vps.created"], secret }),
    });
    assert.equal(c.status, 201, await c.clone().text());
    const hook = await c.json();
    const [created] = await rowsFor(c.headers.get("x-request-id"));
    assert.deepEqual(
      [created.action, created.actor_type, created.actor_label, created.client_address, created.target_type, created.target_id],
      ["webhook.created", "user", TEST_ADMIN.email, ADMIN_IP, "webhook", String(hook.id)],
    );
    assert.equal(created.details.url_host, "127.0.0.1:9");

    const tokenRes = await admin.fetch("/api/tokens", { method: "POST", headers: json, body: JSON.stringify({ name: "ops", scopes: ["webhooks:admin"] }) });
    assert.equal(tokenRes.status, 201);
    const token = (await tokenRes.json()).token;
    secrets.push(token.token);
    const u = await fetch(`${panel.url}/api/webhooks/${hook.id}`, {
      method: "PATCH",
      headers: { ...json, authorization: `Bearer ${token.token}`, ...from(ADMIN_IP) },
      body: JSON.stringify({ secret: newSecret, is_active: false }),
    });
    assert.equal(u.status, 200, await u.clone().text());
    const [updated] = await rowsFor(u.headers.get("x-request-id"));
    assert.deepEqual([updated.action, updated.actor_type, updated.actor_token_id, updated.target_id], ["webhook.updated", "token", token.id, String(hook.id)]);
    assert.deepEqual((updated.details.changed as string[]).sort(), ["is_active", "secret"]);

    const d = await admin.fetch(`/api/webhooks/${hook.id}`, { method: "DELETE" });
    assert.equal(d.status, 204);
    const [deleted] = await rowsFor(d.headers.get("x-request-id"));
    assert.deepEqual([deleted.action, deleted.target_id], ["webhook.deleted", String(hook.id)]);
  });

  it("plan create and update by an admin", async () => {
    const code = `audit-${uniq()}`;
    const c = await admin.fetch("/api/plans", {
      method: "POST",
      headers: json,
      body: JSON.stringify({ code, name: "Audit plan", cpu: 1, ram: 1024, disk: 10, os_choices: ["Debian 12"] }),
    });
    assert.equal(c.status, 201, await c.clone().text());
    const plan = (await c.json()).plan;
    const [created] = await rowsFor(c.headers.get("x-request-id"));
    assert.deepEqual([created.action, created.actor_label, created.target_type, created.target_id, created.details.code], ["plan.created", TEST_ADMIN.email, "plan", String(plan.id), code]);
    const u = await admin.fetch(`/api/plans/${plan.id}`, { method: "PATCH", headers: json, body: JSON.stringify({ is_active: false }) });
    assert.equal(u.status, 200);
    const [updated] = await rowsFor(u.headers.get("x-request-id"));
    assert.deepEqual([updated.action, updated.client_address, updated.details.changed, updated.details.is_active], ["plan.updated", ADMIN_IP, ["is_active"], false]);
  });

  it("sign-ins are recorded, success and failure, with the response's request id and never the password", async () => {
    const { id: userId, email, password } = await newClient();
    const attempt = async (login: string, pw: string) => {
      const c = new SessionClient(panel.url, from(CLIENT_IP));
      const csrf = (await (await c.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
      const res = await c.fetch("/api/auth/callback/credentials", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrfToken: csrf.csrfToken, login, password: pw, json: "true" }),
      });
      await res.text();
      return res.headers.get("x-request-id");
    };
    const wrong = `wrong-${uniq()}-${uniq()}`;
    secrets.push(wrong);
    const [failed] = await rowsFor(await attempt(email, wrong));
    assert.deepEqual(
      [failed.action, failed.actor_type, failed.actor_user_id, failed.target_type, failed.target_id, failed.client_address, failed.details.reason],
      ["auth.sign_in_failed", "user", null, "user", String(userId), CLIENT_IP, "wrong_password"],
    );
    const [unknown] = await rowsFor(await attempt(`nobody-${uniq()}@example.com`, wrong));
    assert.deepEqual([unknown.action, unknown.target_id, unknown.actor_label, unknown.details.reason], ["auth.sign_in_failed", null, null, "unknown_account"]);
    const [ok] = await rowsFor(await attempt(email, password));
    assert.deepEqual([ok.action, ok.actor_user_id, ok.actor_label, ok.client_address], ["auth.sign_in", userId, email, CLIENT_IP]);
  });

  it("a refused change (400 / 404 / 403 / 409) leaves no audit row", async () => {
    const { id: userId, client } = await newClient();
    const refused = [
      await sync(panel.url, { action: "update", vps: { id: 2_000_000_000, status: "running" } }, { headers: from(MAIN_SITE_IP) }),
      await sync(panel.url, { action: "create", vps: { user_id: userId, name: "" } }, { headers: from(MAIN_SITE_IP) }),
    ];
    assert.deepEqual(refused.map((r) => r.status), [404, 400]);
    for (const r of refused) assert.equal((await rowsFor(r.headers.get("x-request-id"))).length, 0, r.text);
    const stopped = await newVps(userId, { status: "stopped" });
    const responses = [
      await client.fetch("/api/tokens", { method: "POST", headers: json, body: JSON.stringify({ name: "x", scopes: ["webhooks:admin"] }) }),
      await client.fetch(`/api/vps/${stopped.id}/actions`, { method: "POST", headers: json, body: JSON.stringify({ action: "stop" }) }),
      await admin.fetch("/api/webhooks/999999", { method: "PATCH", headers: json, body: JSON.stringify({ name: "n" }) }),
      await admin.fetch("/api/plans", { method: "POST", headers: json, body: JSON.stringify({ code: "x" }) }),
    ];
    assert.deepEqual(responses.map((r) => r.status), [403, 409, 404, 400]);
    for (const r of responses) assert.equal((await rowsFor(r.headers.get("x-request-id"))).length, 0);
  });

  it("same transaction: when the change fails after its audit row was written, the row is gone too; when the audit write fails, so does the change", async () => {
    const { id: userId, client } = await newClient();
    const poison = `poison-${uniq()}`;
    // Test-only triggers: domain_events refuses events about `poison`, audit_log refuses rows naming it.
    await query(
      panel.databaseUrl,
      `CREATE OR REPLACE FUNCTION audit_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN IF NEW::text LIKE '%${poison}%' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`,
    );
    await query(panel.databaseUrl, "CREATE TRIGGER audit_test_events BEFORE INSERT ON domain_events FOR EACH ROW EXECUTE FUNCTION audit_test_refuse()");
    try {
      // The VPS gets its poisoned name by an update whose event fails: the one-statement hot path.
      const vps = await newVps(userId, { status: "running" });
      const upd = await sync(panel.url, { action: "update", vps: { id: vps.id, name: poison } }, { headers: from(MAIN_SITE_IP) });
      assert.equal(upd.status, 500);
      assert.equal((await rowsFor(upd.headers.get("x-request-id"))).length, 0);
      // deleteVps writes its audit row before the event: the failing event takes the row back.
      await query(panel.databaseUrl, "DROP TRIGGER audit_test_events ON domain_events");
      const named = await sync(panel.url, { action: "update", vps: { id: vps.id, name: `${poison}-x` } }, { headers: from(MAIN_SITE_IP) });
      assert.equal(named.status, 200);
      await query(panel.databaseUrl, "CREATE TRIGGER audit_test_events BEFORE INSERT ON domain_events FOR EACH ROW EXECUTE FUNCTION audit_test_refuse()");
      const del = await sync(panel.url, { action: "delete", vps: { id: vps.id } }, { headers: from(MAIN_SITE_IP) });
      assert.equal(del.status, 500);
      assert.equal((await rowsFor(del.headers.get("x-request-id"))).length, 0);
      const [live] = await query<{ deleted_at: Date | null }>(panel.databaseUrl, "SELECT deleted_at FROM vps WHERE id = $1", [vps.id]);
      assert.equal(live.deleted_at, null);
      await query(panel.databaseUrl, "DROP TRIGGER audit_test_events ON domain_events");

      // The other way round: a refused audit row undoes the change it records.
      await query(panel.databaseUrl, "CREATE TRIGGER audit_test_rows BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_test_refuse()");
      const create = await sync(panel.url, { action: "create", vps: { user_id: userId, name: poison, cpu: 1, ram: 1024, disk: 10, os: "Debian 12" } }, { headers: from(MAIN_SITE_IP) });
      assert.equal(create.status, 500);
      const token = await client.fetch("/api/tokens", { method: "POST", headers: json, body: JSON.stringify({ name: poison, scopes: ["vps:read"] }) });
      assert.equal(token.status, 500);
      const hook = await admin.fetch("/api/webhooks", { method: "POST", headers: json, body: JSON.stringify({ name: poison, url: "http://127.0.0.1:9/h", event_type: ["vps.created"] }) });
      assert.equal(hook.status, 500);
      const left = await query<{ n: number }>(
        panel.databaseUrl,
        `SELECT (SELECT count(*) FROM vps WHERE name = $1) + (SELECT count(*) FROM api_tokens WHERE name = $1)
              + (SELECT count(*) FROM webhooks WHERE name = $1) + (SELECT count(*) FROM domain_events WHERE payload::text LIKE '%' || $1 || '"%') AS n`,
        [poison],
      );
      assert.equal(Number(left[0].n), 0);
    } finally {
      await query(panel.databaseUrl, "DROP TRIGGER IF EXISTS audit_test_events ON domain_events");
      await query(panel.databaseUrl, "DROP TRIGGER IF EXISTS audit_test_rows ON audit_log");
    }
  });

  it("GET /api/audit filters by actor, action, target and dates; bad filters are a 400", async () => {
    const { id: userId, email } = await newClient();
    const vps = await newVps(userId);
    const get = async (qs: string) => {
      const r = await admin.fetch(`/api/audit?${qs}`);
      return { status: r.status, body: await r.json() };
    };
    const byTarget = await get(`target_type=vps&target_id=${vps.id}`);
    assert.equal(byTarget.status, 200);
    assert.deepEqual(byTarget.body.entries.map((e: { action: string }) => e.action), ["vps.created"]);
    assert.equal(byTarget.body.entries[0].request_id, vps.requestId);
    assert.equal(byTarget.body.entries[0].client_address, MAIN_SITE_IP);

    const byEmail = await get(`actor=${encodeURIComponent(email)}`);
    assert.deepEqual(byEmail.body.entries.map((e: { action: string }) => e.action), ["auth.sign_in"]);
    const byId = await get(`actor=${userId}&action=auth.`);
    assert.deepEqual(byId.body.entries.map((e: { actor: { user_id: number } }) => e.actor.user_id), [userId]);

    const today = new Date().toISOString().slice(0, 10);
    const paged = await get(`action=vps.created&from=${today}&to=${today}&limit=1&offset=0`);
    assert.equal(paged.body.entries.length, 1);
    assert.ok(paged.body.total >= 1);
    assert.equal((await get("action=vps.created&to=2000-01-01")).body.total, 0);

    for (const bad of ["limit=0", "limit=500", "offset=-1", "from=yesterday", "target_type=planet", "target_id=abc", "action=DROP%20TABLE"])
      assert.equal((await get(bad)).status, 400, bad);
  });

  it("a client, an anonymous visitor, a token and a foreign Origin cannot read the audit log", async () => {
    const { client } = await newClient();
    assert.equal((await client.fetch("/api/audit")).status, 403);
    assert.equal((await fetch(`${panel.url}/api/audit`)).status, 401);
    assert.equal((await admin.fetch("/api/audit", { headers: { origin: "https://evil.example" } })).status, 403);
    const tokenRes = await admin.fetch("/api/tokens", { method: "POST", headers: json, body: JSON.stringify({ name: "reader", scopes: ["vps:read", "webhooks:admin"] }) });
    const token = (await tokenRes.json()).token.token;
    secrets.push(token);
    assert.equal((await fetch(`${panel.url}/api/audit`, { headers: { authorization: `Bearer ${token}` } })).status, 401);

    const page = (c: SessionClient | null, headers: Record<string, string> = {}) =>
      c ? c.fetch("/admin/audit", { headers }) : fetch(`${panel.url}/admin/audit`, { headers, redirect: "manual" });
    const ok = await page(admin);
    assert.equal(ok.status, 200);
    assert.match(await ok.text(), /data-testid="audit-row"/);
    // A forged router tree skips the admin layout: the page must refuse by itself.
    const forged = { rsc: "1", "next-router-state-tree": encodeURIComponent(JSON.stringify(["", { children: ["(admin)", {}] }])) };
    for (const [who, c] of [["anonymous", null], ["client", client]] as const) {
      for (const headers of [{}, forged]) {
        const r = await page(c, headers);
        const body = await r.text();
        assert.doesNotMatch(body, /audit-row|auth\.sign_in|main-site/, `${who} ${JSON.stringify(headers)}: ${r.status}`);
      }
    }
    const foreign = await page(admin, { origin: "https://evil.example" });
    assert.doesNotMatch(await foreign.text(), /audit-row|auth\.sign_in|main-site/);
  });

  it("no secret ever lands in the audit log", async () => {
    const [{ dump }] = await query<{ dump: string }>(panel.databaseUrl, "SELECT coalesce(string_agg(a::text, E'\\n'), '') AS dump FROM audit_log a");
    assert.ok(dump.length > 0);
    for (const s of secrets) assert.ok(!dump.includes(s), `a secret (${s.slice(0, 6)}…) is in the audit log`);
    const [{ hashes }] = await query<{ hashes: string }>(panel.databaseUrl, "SELECT string_agg(password_hash || ' ' , '') AS hashes FROM users");
    for (const h of hashes.trim().split(" ")) assert.ok(!dump.includes(h));
  });
});
