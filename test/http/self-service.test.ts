// Self-service end to end (PRODUCT.md §9): SSH keys, reverse DNS, snapshots and backups,
// through a real panel and the reference main site (its own process, verifying the
// webhook's signature), which performs each action on its simulated hypervisor, reports
// progress and the result, and pushes the lists back with sync updates. Nothing is faked
// on the main site's side; backup_restore is told to fail (STORAGE_FAIL_ACTIONS).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ED25519, PRIVATE_KEY, RSA_1024, RSA_3072 } from "../fixtures/ssh-keys";
import { SessionClient } from "../support/http";
import { issueToken } from "../support/issue-token";
import { eventually, startMainSite, type MainSite } from "../support/main-site";
import { startPanel, TEST_ADMIN, TEST_SYNC_KEY, type Panel } from "../support/panel";
import { post, query } from "../support/sync";

const SECRET = "self-service-webhook-secret-0123456789";
const json = (body: unknown, method = "POST") => ({ method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

interface Req {
  id: number;
  action: string;
  status: string;
  progress: number | null;
  message: string | null;
  params: Record<string, unknown>;
  result: Record<string, unknown> | null;
}

describe("self-service: SSH keys, rDNS, snapshots and backups through the reference main site", () => {
  let panel: Panel;
  let mainSite: MainSite;
  let client: SessionClient;
  let jane: SessionClient;
  let admin: SessionClient;
  let vpsId: number;
  let clientId: number;

  const act = (who: SessionClient, body: Record<string, unknown>, id = vpsId) => who.fetch(`/api/vps/${id}/actions`, json(body));
  const ask = async (body: Record<string, unknown>, id = vpsId): Promise<Req> => {
    const r = await act(client, body, id);
    const text = await r.text();
    assert.equal(r.status, 202, text);
    return JSON.parse(text).request;
  };
  const requestsOf = async (id = vpsId): Promise<Req[]> => (await (await client.fetch(`/api/vps/${id}/actions`)).json()).requests;
  const settle = (requestId: number, id = vpsId) =>
    eventually(async () => {
      const r = (await requestsOf(id)).find((x) => x.id === requestId);
      return r && ["completed", "failed", "cancelled", "expired"].includes(r.status) ? r : null;
    }, 30_000, `request ${requestId} to end\n${mainSite.logs()}`);
  const snapshots = async (id = vpsId) => (await (await client.fetch(`/api/vps/${id}/snapshots`)).json()) as { snapshots: { id: string; name: string; size_gb: number }[]; limit: number };

  before(async () => {
    panel = await startPanel({ env: { WEBHOOK_ALLOW_PRIVATE: "1", WEBHOOK_RETRY_SCHEDULE: "1s,1s,2s" } });
    mainSite = await startMainSite({ panelUrl: panel.url, syncKey: TEST_SYNC_KEY, webhookSecret: SECRET, provisionDelayMs: 300, storageStepMs: 80, storageFailActions: ["backup_restore"] });
    admin = new SessionClient(panel.url);
    client = new SessionClient(panel.url);
    jane = new SessionClient(panel.url);
    assert.ok(await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password));
    assert.ok(await client.signIn("client@ospab.local", "client-demo-pass"));
    assert.ok(await jane.signIn("jane", "client2-demo-pass"));
    const hook = await admin.fetch("/api/webhooks", json({ name: "Main site", url: mainSite.webhookUrl, event_type: "*", secret: SECRET }));
    assert.equal(hook.status, 201, await hook.text());
    clientId = (await post(panel.url, "/api/users/sync", { email: "client@ospab.local" })).json.user.id;
    const created = await post(panel.url, "/api/vps/sync", { action: "create", vps: { user_id: clientId, name: "selfsvc-01", cpu: 2, ram: 2048, disk: 40, os: "Debian 12", status: "running", ip_address: "203.0.113.77" } });
    assert.equal(created.status, 201, created.text);
    vpsId = created.json.vps.id;
  });
  after(async () => {
    await mainSite?.stop();
    await panel?.stop();
  });

  describe("SSH keys", () => {
    let keyId: number;
    it("adds a key with ssh-keygen's fingerprint, lists it, refuses the same key twice", async () => {
      const r = await client.fetch("/api/ssh-keys", json({ name: "laptop", public_key: ED25519.line }));
      assert.equal(r.status, 201);
      const key = (await r.json()).ssh_key;
      assert.deepEqual({ name: key.name, type: key.type, bits: key.bits, fingerprint: key.fingerprint, public_key: key.public_key }, { name: "laptop", type: "ssh-ed25519", bits: 256, fingerprint: ED25519.fingerprint, public_key: ED25519.line });
      keyId = key.id;
      const list = (await (await client.fetch("/api/ssh-keys")).json()).ssh_keys;
      assert.deepEqual(list.map((k: { id: number }) => k.id), [keyId]);
      const again = await client.fetch("/api/ssh-keys", json({ name: "same", public_key: ED25519.line.replace("me@laptop", "other comment") }));
      assert.equal(again.status, 409);
      assert.match((await again.json()).message, /already saved/);
      const audit = await query<{ action: string; fingerprint: string }>(panel.databaseUrl, "SELECT action, details->>'fingerprint' AS fingerprint FROM audit_log WHERE action LIKE 'ssh_key.%'");
      assert.deepEqual(audit, [{ action: "ssh_key.added", fingerprint: ED25519.fingerprint }]);
    });

    it("refuses what is not an acceptable public key with 400 and stores nothing", async () => {
      for (const [public_key, message] of [
        [RSA_1024.line, /at least 2048/],
        [PRIVATE_KEY, /private key/],
        ["ssh-ed25519 not-a-key", /not an OpenSSH public key/],
      ] as const) {
        const r = await client.fetch("/api/ssh-keys", json({ name: "bad", public_key }));
        assert.equal(r.status, 400);
        assert.match((await r.json()).message, message);
      }
      assert.equal((await client.fetch("/api/ssh-keys", json({ public_key: RSA_3072.line }))).status, 400);
      assert.equal((await (await client.fetch("/api/ssh-keys")).json()).ssh_keys.length, 1);
    });

    it("keys are their owner's: another client sees none and deleting one is 404; anonymous 401; foreign Origin 403", async () => {
      assert.deepEqual((await (await jane.fetch("/api/ssh-keys")).json()).ssh_keys, []);
      assert.equal((await jane.fetch(`/api/ssh-keys/${keyId}`, { method: "DELETE" })).status, 404);
      assert.equal((await admin.fetch(`/api/ssh-keys/${keyId}`, { method: "DELETE" })).status, 404);
      assert.equal((await fetch(`${panel.url}/api/ssh-keys`)).status, 401);
      assert.equal((await fetch(`${panel.url}/api/ssh-keys`, json({ name: "x", public_key: RSA_3072.line }))).status, 401);
      const foreign = await client.fetch("/api/ssh-keys", { ...json({ name: "x", public_key: RSA_3072.line }), headers: { "content-type": "application/json", origin: "https://evil.example" } });
      assert.equal(foreign.status, 403);
      assert.equal((await client.fetch(`/api/ssh-keys/${keyId}`, { method: "DELETE", headers: { origin: "https://evil.example" } })).status, 403);
      assert.equal((await (await client.fetch("/api/ssh-keys")).json()).ssh_keys.length, 1);
    });

    it("a vps:read token lists but cannot add; a vps:write token adds and deletes", async () => {
      const read = await issueToken(panel.url, "client@ospab.local", "client-demo-pass", ["vps:read"], "read");
      const write = await issueToken(panel.url, "client@ospab.local", "client-demo-pass", ["vps:write"], "write");
      const bearer = (t: string) => ({ authorization: `Bearer ${t}`, "content-type": "application/json" });
      assert.equal((await fetch(`${panel.url}/api/ssh-keys`, { headers: bearer(read) })).status, 200);
      assert.equal((await fetch(`${panel.url}/api/ssh-keys`, { method: "POST", headers: bearer(read), body: JSON.stringify({ name: "ci", public_key: RSA_3072.line }) })).status, 403);
      const added = await fetch(`${panel.url}/api/ssh-keys`, { method: "POST", headers: bearer(write), body: JSON.stringify({ name: "ci", public_key: RSA_3072.line }) });
      assert.equal(added.status, 201);
      const ci = (await added.json()).ssh_key;
      assert.equal(ci.fingerprint, RSA_3072.fingerprint);
      assert.equal((await fetch(`${panel.url}/api/ssh-keys/${ci.id}`, { method: "DELETE", headers: bearer(write) })).status, 200);
      assert.equal((await fetch(`${panel.url}/api/ssh-keys/${ci.id}`, { method: "DELETE", headers: bearer(write) })).status, 404);
    });

    it("a reinstall naming key ids carries the public keys to the main site; someone else's key id is 400", async () => {
      const janeKey = await jane.fetch("/api/ssh-keys", json({ name: "jane", public_key: RSA_3072.line }));
      assert.equal(janeKey.status, 201);
      const foreignId = (await janeKey.json()).ssh_key.id;
      // A VPS of its own: nobody performs reinstalls in this test, so its request stays open.
      const own = await post(panel.url, "/api/vps/sync", { action: "create", vps: { user_id: clientId, name: "selfsvc-reinstall", cpu: 1, ram: 1024, disk: 20, os: "Debian 12", status: "running" } });
      const rid = own.json.vps.id;
      const refused = await act(client, { action: "reinstall", os: "Debian 12", confirm: "selfsvc-reinstall", ssh_key_ids: [keyId, foreignId] }, rid);
      assert.equal(refused.status, 400);
      assert.match((await refused.json()).message, new RegExp(`ssh_key_ids: ${foreignId} is not one of your SSH keys`));
      const r = await ask({ action: "reinstall", os: "Debian 12", confirm: "selfsvc-reinstall", ssh_key_ids: [keyId] }, rid);
      assert.deepEqual(r.params.ssh_keys, [{ id: keyId, name: "laptop", fingerprint: ED25519.fingerprint, public_key: ED25519.line }]);
      // The webhook the main site received carries the same keys.
      const delivery = await eventually(async () => {
        const rows = await query<{ body: string }>(panel.databaseUrl, "SELECT body FROM webhook_deliveries WHERE event_type = 'vps.action_requested' AND (body::jsonb->>'request_id')::int = $1", [r.id]);
        return rows[0];
      }, 10_000, "the reinstall's webhook delivery");
      assert.equal(JSON.parse(delivery.body).params.ssh_keys[0].public_key, ED25519.line);
    });
  });

  describe("snapshots", () => {
    it("the main site creates one with progress, pushes the list; the panel lists it with the limit", async () => {
      const r = await ask({ action: "snapshot_create", name: "before-upgrade" });
      assert.equal(r.status, "pending");
      const done = await settle(r.id);
      assert.equal(done.status, "completed", done.message ?? "");
      assert.equal(done.progress, 100);
      assert.match(String(done.result?.snapshot_id), /^snap-/);
      const s = await snapshots();
      assert.equal(s.limit, 3);
      assert.deepEqual(s.snapshots.map((x) => x.name), ["before-upgrade"]);
      assert.equal(s.snapshots[0].id, done.result?.snapshot_id);
      // Progress reports were recorded along the way (10, 45, 80 before the end).
      const progress = await query<{ p: number }>(panel.databaseUrl, "SELECT (payload->'request'->>'progress')::int AS p FROM domain_events WHERE type = 'vps.action_progress' AND (payload->>'request_id')::int = $1 ORDER BY id", [r.id]);
      assert.deepEqual(progress.map((x) => x.p), [10, 45, 80]);
    });

    it("creates up to the plan's limit (3 without a plan), then answers 422 and asks nothing", async () => {
      for (const name of ["second", "third"]) assert.equal((await settle((await ask({ action: "snapshot_create", name })).id)).status, "completed");
      assert.equal((await snapshots()).snapshots.length, 3);
      const over = await act(client, { action: "snapshot_create", name: "fourth" });
      assert.equal(over.status, 422);
      assert.match((await over.json()).message, /The plan allows 3 snapshots and this VPS has 3: delete one first/);
      const open = await query(panel.databaseUrl, "SELECT 1 FROM vps_action_requests WHERE vps_id = $1 AND status IN ('pending','in_progress')", [vpsId]);
      assert.equal(open.length, 0);
    });

    it("restores a snapshot (completed with the main site's message) and deletes one (the list shrinks)", async () => {
      const [first, second] = (await snapshots()).snapshots;
      const restored = await settle((await ask({ action: "snapshot_restore", snapshot_id: first.id })).id);
      assert.equal(restored.status, "completed");
      assert.equal(restored.message, "Restored to before-upgrade");
      const deleted = await settle((await ask({ action: "snapshot_delete", snapshot_id: second.id })).id);
      assert.equal(deleted.status, "completed");
      assert.deepEqual((await snapshots()).snapshots.map((x) => x.name), ["before-upgrade", "third"]);
    });

    it("an id that is not in the VPS's list is 400; a second request while one runs is 409", async () => {
      const unknown = await act(client, { action: "snapshot_restore", snapshot_id: "snap-nope" });
      assert.equal(unknown.status, 400);
      assert.match((await unknown.json()).message, /snapshot_id snap-nope is not a snapshot of this VPS/);
      const first = await ask({ action: "snapshot_create", name: "busy" });
      const second = await act(client, { action: "snapshot_delete", snapshot_id: (await snapshots()).snapshots[0].id });
      assert.equal(second.status, 409);
      assert.match((await second.json()).message, /snapshot_create request .* is still/);
      await settle(first.id);
    });

    it("the plan's snapshot_limit (admin form field) holds for a VPS of that plan", async () => {
      const plans = (await (await admin.fetch("/api/plans?all=1")).json()).plans as { id: number; code: string; os_choices: string[] }[];
      const start = plans.find((p) => p.code === "vps-start") ?? plans[0];
      const patched = await admin.fetch(`/api/plans/${start.id}`, json({ snapshot_limit: 1 }, "PATCH"));
      assert.equal(patched.status, 200, await patched.clone().text());
      assert.equal((await patched.json()).plan?.snapshot_limit ?? 1, 1);
      assert.equal((await admin.fetch(`/api/plans/${start.id}`, json({ snapshot_limit: 101 }, "PATCH"))).status, 400);
      const order = await client.fetch("/api/orders", json({ plan_id: start.id, os: start.os_choices[0] }));
      assert.equal(order.status, 201, await order.clone().text());
      const orderId = (await order.json()).order.id;
      const built = await eventually(async () => {
        const rows = await query<{ id: number }>(panel.databaseUrl, "SELECT id FROM vps WHERE order_id = $1 AND status = 'running'", [orderId]);
        return rows[0]?.id;
      }, 30_000, `order ${orderId} to be built\n${mainSite.logs()}`);
      assert.equal((await snapshots(built)).limit, 1);
      assert.equal((await settle((await ask({ action: "snapshot_create", name: "only" }, built)).id, built)).status, "completed");
      const over = await act(client, { action: "snapshot_create", name: "too-many" }, built);
      assert.equal(over.status, 422);
      assert.match((await over.json()).message, /The plan allows 1 snapshot and this VPS has 1/);
    });
  });

  describe("backups", () => {
    it("the main site pushes its nightly backups; a restore it fails ends failed with its reason", async () => {
      const list = await eventually(async () => {
        const b = (await (await client.fetch(`/api/vps/${vpsId}/backups`)).json()).backups as { id: string; kind: string }[];
        return b.length ? b : null;
      }, 15_000, `backups of VPS ${vpsId}\n${mainSite.logs()}`);
      assert.deepEqual(list.map((b) => b.kind), ["auto", "auto"]);
      const failed = await settle((await ask({ action: "backup_restore", backup_id: list[0].id })).id);
      assert.equal(failed.status, "failed");
      assert.match(failed.message ?? "", /simulated failure/);
      const unknown = await act(client, { action: "backup_restore", backup_id: "auto-1999-01-01" });
      assert.equal(unknown.status, 400);
    });
  });

  describe("reverse DNS", () => {
    it("a hostname that is not a FQDN is 400; an address of another VPS is 400", async () => {
      for (const hostname of ["localhost", "bad_name.example.com", "-x.example.com", "exa mple.com"]) {
        const r = await act(client, { action: "set_rdns", ip: "203.0.113.77", hostname });
        assert.equal(r.status, 400, hostname);
        assert.match((await r.json()).message, /hostname/);
      }
      const other = await act(client, { action: "set_rdns", ip: "203.0.113.10", hostname: "mail.example.com" });
      assert.equal(other.status, 400);
      assert.match((await other.json()).message, /ip 203\.0\.113\.10 is not an address of this VPS/);
    });

    it("sets the PTR through the main site; the network section reads it back", async () => {
      const done = await settle((await ask({ action: "set_rdns", ip: "203.0.113.77", hostname: "Mail.Example.COM." })).id);
      assert.equal(done.status, "completed", done.message ?? "");
      assert.deepEqual(done.params, { ip: "203.0.113.77", hostname: "mail.example.com" });
      const net = await (await client.fetch(`/api/vps/${vpsId}/network`)).json();
      assert.deepEqual(net.addresses, [{ ip: "203.0.113.77", version: 4, primary: true, hostname: "mail.example.com" }]);
    });
  });

  describe("sync lists and access", () => {
    it("a sync update of lists replaces them, emits vps.updated once, and the same push again changes nothing", async () => {
      const count = async () => (await query<{ n: number }>(panel.databaseUrl, "SELECT count(*)::int AS n FROM domain_events WHERE vps_id = $1 AND type = 'vps.updated'", [vpsId]))[0].n;
      const before = await count();
      const body = { action: "update", vps: { id: vpsId, rdns: [{ ip: "203.0.113.77", hostname: "www.example.com" }, { ip: "2001:db8::77", hostname: null }] } };
      const first = await post(panel.url, "/api/vps/sync", body, { idempotencyKey: "rdns-push-1" });
      assert.equal(first.status, 200, first.text);
      assert.equal(first.json.vps.id, vpsId);
      assert.equal(await count(), before + 1);
      const [event] = await query<{ changed: string[] }>(panel.databaseUrl, "SELECT payload->'changed' AS changed FROM domain_events WHERE vps_id = $1 AND type = 'vps.updated' ORDER BY id DESC LIMIT 1", [vpsId]);
      assert.deepEqual(event.changed, ["rdns"]);
      assert.equal((await post(panel.url, "/api/vps/sync", body, { idempotencyKey: "rdns-push-2" })).status, 200);
      assert.equal(await count(), before + 1);
      const net = await (await client.fetch(`/api/vps/${vpsId}/network`)).json();
      assert.deepEqual(net.addresses.map((a: { ip: string; hostname: string | null }) => [a.ip, a.hostname]), [["203.0.113.77", "www.example.com"], ["2001:db8::77", null]]);
      const bad = await post(panel.url, "/api/vps/sync", { action: "update", vps: { id: vpsId, snapshots: [{ id: 1 }] } });
      assert.equal(bad.status, 400);
      assert.equal((await post(panel.url, "/api/vps/sync", { action: "update", vps: { id: 999999, backups: [] } })).status, 404);
    });

    it("another client's VPS is 404 for every list and action; anonymous 401; an admin reads; foreign Origin 403", async () => {
      for (const list of ["network", "snapshots", "backups"]) {
        assert.equal((await jane.fetch(`/api/vps/${vpsId}/${list}`)).status, 404, list);
        assert.equal((await fetch(`${panel.url}/api/vps/${vpsId}/${list}`)).status, 401, list);
        assert.equal((await admin.fetch(`/api/vps/${vpsId}/${list}`)).status, 200, list);
      }
      for (const body of [{ action: "snapshot_create", name: "x" }, { action: "set_rdns", ip: "203.0.113.77", hostname: "a.example.com" }, { action: "backup_restore", backup_id: "x" }])
        assert.equal((await act(jane, body)).status, 404);
      assert.equal((await fetch(`${panel.url}/api/vps/${vpsId}/actions`, json({ action: "snapshot_create", name: "x" }))).status, 401);
      const foreign = await client.fetch(`/api/vps/${vpsId}/actions`, { ...json({ action: "snapshot_create", name: "x" }), headers: { "content-type": "application/json", origin: "https://evil.example" } });
      assert.equal(foreign.status, 403);
      // A token without vps:read may not read the lists.
      const orders = await issueToken(panel.url, "client@ospab.local", "client-demo-pass", ["orders:write"], "orders only");
      for (const list of ["network", "snapshots", "backups"])
        assert.equal((await fetch(`${panel.url}/api/vps/${vpsId}/${list}`, { headers: { authorization: `Bearer ${orders}` } })).status, 403, list);
      // An admin may read but the client's actions are the owner's.
      assert.equal((await act(admin, { action: "snapshot_create", name: "admin" })).status, 403);
    });

    it("a suspended VPS refuses self-service actions with 409", async () => {
      assert.equal((await post(panel.url, "/api/vps/sync", { action: "update", vps: { id: vpsId, status: "suspended" } })).status, 200);
      const r = await act(client, { action: "snapshot_create", name: "x" });
      assert.equal(r.status, 409);
      assert.match((await r.json()).message, /suspended/);
      assert.equal((await post(panel.url, "/api/vps/sync", { action: "update", vps: { id: vpsId, status: "running" } })).status, 200);
    });
  });
});
