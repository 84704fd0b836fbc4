// POST /api/vps/sync and POST /api/users/sync as the main site meets them: every error
// case, idempotency (replay, mismatch, concurrent retries), twins without a key, key
// rotation, events and encrypted root passwords.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SessionClient } from "../support/http";
import { startPanel, TEST_SYNC_KEY, type Panel } from "../support/panel";
import { post, query, sync, vpsSpec } from "../support/sync";

const PREVIOUS_KEY = "previous-sync-key-0123456789abcdef0123456789";

describe("sync API over HTTP", () => {
  let panel: Panel;
  let owner: number;
  let other: number;
  const count = async (sql = "SELECT count(*)::int AS n FROM vps") => (await query<{ n: number }>(panel.databaseUrl, sql))[0].n;

  before(async () => {
    panel = await startPanel({ demoData: false, env: { VPS_SYNC_API_KEY_PREVIOUS: PREVIOUS_KEY } });
    owner = (await post(panel.url, "/api/users/sync", { email: "owner@example.com", password: "owner-password" })).json.user.id;
    other = (await post(panel.url, "/api/users/sync", { email: "other@example.com" })).json.user.id;
  });
  after(async () => {
    await panel?.stop();
  });

  describe("authentication", () => {
    it("401 without a key, with a wrong key, or with a session instead of the key", async () => {
      for (const key of [null, "", "wrong-key", `${TEST_SYNC_KEY}x`, TEST_SYNC_KEY.slice(0, -1)]) {
        const r = await sync(panel.url, { action: "create", vps: vpsSpec({ user_id: owner }) }, { key });
        assert.equal(r.status, 401, String(key));
        assert.deepEqual(r.json, { status: "error", code: "unauthorized", message: "Invalid or missing API key" });
      }
      const browser = new SessionClient(panel.url);
      assert.ok(await browser.signIn("owner@example.com", "owner-password"));
      const r = await browser.fetch("/api/vps/sync", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ action: "delete", vps: { id: 1 } }) });
      assert.equal(r.status, 401);
      assert.equal(await count(), 0);
    });

    it("the previous key is accepted during rotation, as is the current one", async () => {
      const a = await sync(panel.url, { action: "create", vps: vpsSpec({ user_id: owner, name: "rotation-a" }) }, { key: PREVIOUS_KEY });
      const b = await sync(panel.url, { action: "create", vps: vpsSpec({ user_id: owner, name: "rotation-b" }) });
      assert.deepEqual([a.status, b.status], [201, 201]);
    });
  });

  describe("create", () => {
    it("applies the defaults (status creating, hypervisor proxmox), RAM in MB, and never returns the root password", async () => {
      const r = await sync(panel.url, {
        action: "create",
        vps: { user_id: owner, name: "web-1", cpu: 4, ram: 8192, disk: 100, os: "Ubuntu 22.04 LTS", ip_address: "203.0.113.5", root_password: "Sup3r-Secret!" },
      });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.message, "VPS synced successfully");
      assert.deepEqual(
        { status: r.json.vps.status, hypervisor: r.json.vps.hypervisor, ram: r.json.vps.ram, disk: r.json.vps.disk, ip: r.json.vps.ip_address, user: r.json.vps.user_id },
        { status: "creating", hypervisor: "proxmox", ram: 8192, disk: 100, ip: "203.0.113.5", user: owner },
      );
      assert.doesNotMatch(r.text, /Sup3r-Secret|root_password/);
      const [row] = await query<{ root_password_enc: string }>(panel.databaseUrl, "SELECT root_password_enc FROM vps WHERE id = $1", [r.json.vps.id]);
      assert.match(row.root_password_enc, /^v1\./);
      const [ev] = await query<{ payload: { vps: unknown } }>(panel.databaseUrl, "SELECT payload FROM domain_events WHERE vps_id = $1 AND type = 'vps.created'", [r.json.vps.id]);
      assert.deepEqual(ev.payload.vps, r.json.vps);
      const read = await query<{ created_at: Date }>(panel.databaseUrl, "SELECT created_at AT TIME ZONE 'UTC' AS created_at FROM vps WHERE id = $1", [r.json.vps.id]);
      assert.equal(read[0].created_at.toISOString(), r.json.vps.created_at, "stored as UTC");
      assert.ok(!row.root_password_enc.includes("Sup3r-Secret"));
    });

    it("400 names the missing fields", async () => {
      const r = await sync(panel.url, { action: "create", vps: { name: "x", ram: 1024, disk: 10, os: "Debian 12" } });
      assert.equal(r.status, 400);
      assert.equal(r.json.message, "Missing required fields: user_id, cpu");
      const top = await sync(panel.url, { vps: {} });
      assert.equal(top.json.message, "Missing required fields: action");
      const none = await sync(panel.url, {});
      assert.equal(none.json.message, "Missing required fields: action, vps");
    });

    it("400 for impossible values, with the allowed statuses listed", async () => {
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ cpu: -2 }, /cpu \(cores\) must be at least 1/],
        [{ cpu: 1.5 }, /cpu \(cores\) must be a whole number/],
        [{ ram: 1.5 }, /ram \(MB\) must be a whole number/],
        [{ ram: "2 GB" }, /ram \(MB\) must be a number/],
        [{ ram: 0 }, /ram \(MB\) must be at least 128/],
        [{ ram: 4_194_305 }, /ram \(MB\) must be at most 4194304 \(4 TB\)/],
        [{ cpu: "-2" }, /cpu \(cores\) must be a number/],
        [{ disk: 0 }, /disk \(GB\) must be at least 1/],
        [{ status: "exploded" }, /status must be one of creating, running, stopped, suspended, error, deleting/],
        [{ ip_address: "999.1.1.1" }, /ip_address must be an IPv4 or IPv6 address/],
        [{ name: "   " }, /name must not be empty/],
        [{ hypervisor: "$(rm -rf)" }, /hypervisor must be a short name/],
      ];
      for (const [over, message] of cases) {
        const r = await sync(panel.url, { action: "create", vps: vpsSpec({ user_id: owner, ...over }) });
        assert.equal(r.status, 400, JSON.stringify(over));
        assert.equal(r.json.status, "error");
        assert.match(r.json.message, message);
      }
      const action = await sync(panel.url, { action: "upsert", vps: {} });
      assert.equal(action.status, 400);
      assert.equal(action.json.message, 'Unknown action "upsert": expected one of create, update, delete, batch');
    });

    it("ram under 128 is refused as GB sent by mistake, naming the MB value to send; 128 MB and 4 TB are accepted", async () => {
      for (const [gb, mb] of [[8, 8192], [1, 1024], [127, 130048]]) {
        const r = await sync(panel.url, { action: "create", vps: vpsSpec({ user_id: owner, ram: gb }) });
        assert.equal(r.status, 400);
        assert.match(r.json.message, new RegExp(`ram is in MB and must be at least 128: ${gb} looks like GB — send ${mb}`));
      }
      const id = (await sync(panel.url, { action: "create", vps: vpsSpec({ user_id: owner, ram: 128 }) })).json.vps.id;
      const small = await sync(panel.url, { action: "update", vps: { id, ram: 16 } });
      assert.equal(small.status, 400, "the update path checks it too");
      assert.match(small.json.message, /16 looks like GB — send 16384/);
      const huge = await sync(panel.url, { action: "update", vps: { id, ram: 4_194_304 } });
      assert.equal(huge.status, 200);
      assert.equal(huge.json.vps.ram, 4_194_304);
    });

    it("ids and numbers sent as digit strings are accepted (\"order_id\":\"24\", a Bitrix task id)", async () => {
      const r = await sync(panel.url, { action: "create", vps: { user_id: String(owner), name: "digits-1", cpu: "2", ram: "2048", disk: "40", os: "Debian 12" } });
      assert.equal(r.status, 201, r.text);
      assert.deepEqual([r.json.vps.user_id, r.json.vps.cpu, r.json.vps.ram, r.json.vps.disk], [owner, 2, 2048, 40]);
      const id = r.json.vps.id as number;
      const u = await sync(panel.url, { action: "update", vps: { id: String(id), status: "running" } });
      assert.equal(u.status, 200, u.text);
      assert.equal(u.json.vps.id, id);
      const order = await sync(panel.url, { action: "update", vps: { id, order_id: "424243" } });
      assert.equal(order.status, 422, "parsed as the number it spells");
      assert.match(order.json.message, /Unknown order_id 424243/);
      for (const bad of ["24.0", " 24", "0x18", "", "-24"]) {
        const x = await sync(panel.url, { action: "update", vps: { id: bad, status: "running" } });
        assert.equal(x.status, 400, JSON.stringify(bad));
      }
      const d = await sync(panel.url, { action: "delete", vps: { id: String(id) } });
      assert.equal(d.status, 200);
    });

    it("422 for an unknown user_id or order_id", async () => {
      const r = await sync(panel.url, { action: "create", vps: vpsSpec({ user_id: 999_999 }) });
      assert.equal(r.status, 422);
      assert.match(r.json.message, /Unknown user_id 999999/);
      const o = await sync(panel.url, { action: "create", vps: vpsSpec({ user_id: owner, order_id: 424242 }) });
      assert.equal(o.status, 422);
      assert.match(o.json.message, /Unknown order_id 424242/);
    });

    it("413 over 2 MB (room for a batch of 500), 415 without JSON, 400 for broken JSON — and nothing changes", async () => {
      const before = await count();
      const big = await sync(panel.url, { action: "create", vps: vpsSpec({ user_id: owner, os: "x".repeat(2 * 1024 * 1024) }) });
      assert.equal(big.status, 413);
      assert.match(big.json.message, /too large/);
      const form = await post(panel.url, "/api/vps/sync", "action=create", { headers: { "content-type": "application/x-www-form-urlencoded" } });
      assert.equal(form.status, 415);
      assert.equal(form.json.message, "Content-Type must be application/json");
      const broken = await sync(panel.url, '{"action": "create", "vps": {');
      assert.equal(broken.status, 400);
      assert.equal(broken.json.message, "Request body is not valid JSON");
      assert.equal(await count(), before);
    });
  });

  describe("update and delete", () => {
    let id: number;
    before(async () => {
      id = (await sync(panel.url, { action: "create", vps: vpsSpec({ user_id: owner, name: "upd-1" }) })).json.vps.id;
    });

    it("updates any subset of fields and records status_changed + updated events", async () => {
      const r = await sync(panel.url, { action: "update", vps: { id, status: "running", ip_address: "2001:db8::1", root_password: "new-pass", cpu: 4, ram: 4096 } });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual([r.json.vps.status, r.json.vps.ip_address, r.json.vps.cpu, r.json.vps.ram], ["running", "2001:db8::1", 4, 4096]);
      assert.doesNotMatch(r.text, /new-pass/);
      const events = await query<{ type: string; payload: { vps: unknown; changed?: string[]; previous_status?: string } }>(
        panel.databaseUrl,
        "SELECT type, payload FROM domain_events WHERE vps_id = $1 ORDER BY id",
        [id],
      );
      assert.deepEqual(events.map((e) => e.type), ["vps.created", "vps.status_changed", "vps.updated"]);
      assert.equal(events[1].payload.previous_status, "creating");
      // The events carry exactly what the API answered.
      assert.deepEqual(events[1].payload.vps, r.json.vps);
      assert.deepEqual(events[2].payload.vps, r.json.vps);
      assert.deepEqual(events[2].payload.changed!.sort(), ["cpu", "ip_address", "ram", "root_password"]);
      // Nothing changed: no event.
      await sync(panel.url, { action: "update", vps: { id, status: "running" } });
      assert.equal((await query(panel.databaseUrl, "SELECT 1 FROM domain_events WHERE vps_id = $1", [id])).length, 3);
    });

    it("400 for an update with nothing to change, an unknown status, or another owner", async () => {
      const empty = await sync(panel.url, { action: "update", vps: { id } });
      assert.equal(empty.status, 400);
      assert.match(empty.json.message, /^Missing required fields: status/);
      const noId = await sync(panel.url, { action: "update", vps: { status: "running" } });
      assert.equal(noId.json.message, "Missing required fields: id");
      const bad = await sync(panel.url, { action: "update", vps: { id, status: "on" } });
      assert.equal(bad.status, 400);
      assert.match(bad.json.message, /status must be one of creating, running, stopped, suspended/);
      const move = await sync(panel.url, { action: "update", vps: { id, user_id: other, status: "stopped" } });
      assert.equal(move.status, 400);
      assert.match(move.json.message, /user_id cannot be changed/);
      const same = await sync(panel.url, { action: "update", vps: { id, user_id: owner, name: "upd-1-renamed" } });
      assert.equal(same.status, 200);
    });

    it("404 for an unknown VPS on update and delete", async () => {
      for (const action of ["update", "delete"]) {
        const r = await sync(panel.url, { action, vps: { id: 987_654, status: "running" } });
        assert.equal(r.status, 404, action);
        assert.deepEqual(r.json, { status: "error", code: "not_found", message: "VPS 987654 not found" });
      }
    });

    it("delete is soft, emits vps.deleted, and the VPS is 404 for updates afterwards", async () => {
      const r = await sync(panel.url, { action: "delete", vps: { id } });
      assert.equal(r.status, 200);
      assert.equal(r.json.message, "VPS synced successfully");
      assert.ok(r.json.vps.deleted_at);
      const again = await sync(panel.url, { action: "update", vps: { id, status: "running" } });
      assert.equal(again.status, 404);
      const [ev] = await query<{ type: string; user_id: number }>(panel.databaseUrl, "SELECT type, user_id FROM domain_events WHERE vps_id = $1 ORDER BY id DESC LIMIT 1", [id]);
      assert.deepEqual([ev.type, ev.user_id], ["vps.deleted", owner]);
    });

    it("a repeated delete (its first answer lost) is 200 and says the VPS was already deleted; nothing changes", async () => {
      const vid = (await sync(panel.url, { action: "create", vps: vpsSpec({ user_id: owner, name: "del-twice" }) })).json.vps.id;
      const first = await sync(panel.url, { action: "delete", vps: { id: vid } });
      assert.equal(first.status, 200);
      const events = async () => (await query<{ n: number }>(panel.databaseUrl, "SELECT count(*)::int AS n FROM domain_events WHERE vps_id = $1", [vid]))[0].n;
      const before = await events();
      for (let i = 0; i < 2; i++) {
        const again = await sync(panel.url, { action: "delete", vps: { id: vid } });
        assert.equal(again.status, 200, again.text);
        assert.equal(again.json.status, "success");
        assert.equal(again.json.message, "VPS already deleted");
        assert.equal(again.json.vps.id, vid);
        assert.equal(again.json.vps.deleted_at, first.json.vps.deleted_at);
      }
      assert.equal(await events(), before, "no second vps.deleted");
      const unknown = await sync(panel.url, { action: "delete", vps: { id: 987_655 } });
      assert.equal(unknown.status, 404, "an id that never existed is still 404");
    });
  });

  describe("idempotency", () => {
    it("a replay returns the first response byte for byte with Idempotent-Replayed", async () => {
      const body = { action: "create", vps: vpsSpec({ user_id: owner, name: "idem-1" }) };
      const first = await sync(panel.url, body, { idempotencyKey: "order-1001-create" });
      assert.equal(first.status, 201);
      assert.equal(first.headers.get("idempotent-replayed"), null);
      const second = await sync(panel.url, body, { idempotencyKey: "order-1001-create" });
      assert.equal(second.status, 201);
      assert.equal(second.headers.get("idempotent-replayed"), "true");
      assert.equal(second.text, first.text);
      assert.equal(await count("SELECT count(*)::int AS n FROM vps WHERE name = 'idem-1'"), 1);
    });

    it("the same key with another body is 422 and changes nothing", async () => {
      const body = { action: "create", vps: vpsSpec({ user_id: owner, name: "idem-2" }) };
      assert.equal((await sync(panel.url, body, { idempotencyKey: "k-idem-2" })).status, 201);
      const other = await sync(panel.url, { ...body, vps: { ...body.vps, cpu: 8 } }, { idempotencyKey: "k-idem-2" });
      assert.equal(other.status, 422);
      assert.equal(other.json.message, "Idempotency-Key was already used with a different request body");
      assert.equal(await count("SELECT count(*)::int AS n FROM vps WHERE name = 'idem-2'"), 1);
    });

    it("a failed request does not burn its key: fixed and retried, it succeeds", async () => {
      const created = await sync(panel.url, { action: "create", vps: vpsSpec({ user_id: owner, name: "idem-retry", status: "stopped" }) });
      assert.equal(created.status, 201);
      const id = created.json.vps.id as number;
      // The main site sends a wrong id: 404, and nothing is stored under the key...
      const wrong = await sync(panel.url, { action: "update", vps: { id: id + 876_543, status: "running" } }, { idempotencyKey: "k-retry-after-404" });
      assert.equal(wrong.status, 404);
      assert.equal(wrong.headers.get("idempotent-replayed"), null);
      // ...so the fixed request with the same key runs (not a 422 mismatch, not the stored 404).
      const fixed = { action: "update", vps: { id, status: "running" } };
      const ok = await sync(panel.url, fixed, { idempotencyKey: "k-retry-after-404" });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.headers.get("idempotent-replayed"), null, "the fixed request ran; it was not a replay");
      assert.equal(ok.json.vps.status, "running");
      assert.equal(await count(`SELECT count(*)::int AS n FROM vps WHERE id = ${id} AND status = 'running'`), 1);
      // From now on the key belongs to the successful request: a retry is its replay.
      const again = await sync(panel.url, fixed, { idempotencyKey: "k-retry-after-404" });
      assert.equal(again.status, 200);
      assert.equal(again.headers.get("idempotent-replayed"), "true");
      assert.equal(again.text, ok.text);
    });

    it("concurrent retries with one key make one VPS: the others are 409 or the replay", async () => {
      const body = { action: "create", vps: vpsSpec({ user_id: owner, name: "idem-race" }) };
      const results = await Promise.all(Array.from({ length: 6 }, () => sync(panel.url, body, { idempotencyKey: "k-race" })));
      const statuses = results.map((r) => r.status);
      assert.ok(statuses.every((s) => s === 201 || s === 409), statuses.join());
      const created = results.filter((r) => r.status === 201 && r.headers.get("idempotent-replayed") !== "true");
      assert.equal(created.length, 1, statuses.join());
      for (const r of results.filter((x) => x.status === 409)) assert.match(r.json.message, /still in progress/);
      for (const r of results.filter((x) => x.status === 201)) assert.equal(r.text, created[0].text);
      assert.equal(await count("SELECT count(*)::int AS n FROM vps WHERE name = 'idem-race'"), 1);
      // Once the first has finished, a retry replays it.
      const later = await sync(panel.url, body, { idempotencyKey: "k-race" });
      assert.equal(later.headers.get("idempotent-replayed"), "true");
      assert.equal(later.text, created[0].text);
    });

    it("without a key, a retried create returns the first VPS instead of a twin (natural key)", async () => {
      const body = { action: "create", vps: vpsSpec({ user_id: owner, name: "natural-1" }) };
      const first = await sync(panel.url, body);
      const retry = await sync(panel.url, body);
      assert.deepEqual([first.status, retry.status], [201, 200]);
      assert.equal(retry.headers.get("x-sync-duplicate"), "true");
      assert.equal(retry.json.vps.id, first.json.vps.id);
      // Different specs, or an explicit distinct key, do make a second VPS.
      const bigger = await sync(panel.url, { ...body, vps: { ...body.vps, cpu: 8 } });
      assert.equal(bigger.status, 201);
      const twin = await sync(panel.url, body, { idempotencyKey: "deliberate-second-natural-1" });
      assert.equal(twin.status, 201);
      assert.equal(await count("SELECT count(*)::int AS n FROM vps WHERE name = 'natural-1'"), 3);
    });

    it("two (and eight) concurrent identical creates without a key make one VPS", async () => {
      for (const n of [2, 8]) {
        const body = { action: "create", vps: vpsSpec({ user_id: owner, name: `natural-race-${n}` }) };
        const results = await Promise.all(Array.from({ length: n }, () => sync(panel.url, body)));
        assert.deepEqual(results.map((r) => r.status).sort(), [...Array(n - 1).fill(200), 201]);
        assert.equal(new Set(results.map((r) => r.json.vps.id)).size, 1);
        assert.equal(await count(`SELECT count(*)::int AS n FROM vps WHERE name = 'natural-race-${n}'`), 1);
      }
    });

    it("after a delete the same create makes a new VPS", async () => {
      const body = { action: "create", vps: vpsSpec({ user_id: owner, name: "recreated" }) };
      const first = await sync(panel.url, body);
      await sync(panel.url, { action: "delete", vps: { id: first.json.vps.id } });
      const again = await sync(panel.url, body);
      assert.equal(again.status, 201);
      assert.notEqual(again.json.vps.id, first.json.vps.id);
    });

    it("rejects a malformed Idempotency-Key", async () => {
      const r = await sync(panel.url, { action: "create", vps: vpsSpec({ user_id: owner }) }, { idempotencyKey: "has spaces in it" });
      assert.equal(r.status, 400);
      assert.match(r.json.message, /Idempotency-Key/);
    });
  });

  describe("POST /api/users/sync", () => {
    it("creates (201) then finds (200) a client by email, case-insensitively, with user.created once", async () => {
      const a = await post(panel.url, "/api/users/sync", { email: "New.Client@Example.com", name: "Новый Клиент", username: "newclient" });
      assert.equal(a.status, 201, a.text);
      assert.deepEqual(Object.keys(a.json.user).sort(), ["created", "email", "id", "name", "username"]);
      assert.deepEqual([a.json.status, a.json.user.email, a.json.user.created, a.json.user.name], ["success", "new.client@example.com", true, "Новый Клиент"]);
      const b = await post(panel.url, "/api/users/sync", { email: "new.client@example.com", name: "Other Name" });
      assert.equal(b.status, 200);
      assert.deepEqual([b.json.user.id, b.json.user.created, b.json.user.name], [a.json.user.id, false, "Новый Клиент"]);
      const events = await query(panel.databaseUrl, "SELECT 1 FROM domain_events WHERE type = 'user.created' AND user_id = $1", [a.json.user.id]);
      assert.equal(events.length, 1);
      // The id works as user_id at once.
      const vps = await sync(panel.url, { action: "create", vps: vpsSpec({ user_id: a.json.user.id }) });
      assert.equal(vps.status, 201);
    });

    it("a given password signs in; a generated one is never returned", async () => {
      const withPw = await post(panel.url, "/api/users/sync", { email: "pw@example.com", password: "chosen-password" });
      assert.doesNotMatch(withPw.text, /chosen-password|password/);
      assert.ok(await new SessionClient(panel.url).signIn("pw@example.com", "chosen-password"));
      const generated = await post(panel.url, "/api/users/sync", { email: "nopw@example.com" });
      assert.equal(generated.status, 201);
      assert.doesNotMatch(generated.text, /password/i);
    });

    it("validates input, needs the key, and refuses a username taken by someone else", async () => {
      const missing = await post(panel.url, "/api/users/sync", { name: "x" });
      assert.equal(missing.status, 400);
      assert.match(missing.json.message, /email/);
      const badEmail = await post(panel.url, "/api/users/sync", { email: "not-an-email" });
      assert.equal(badEmail.status, 400);
      const noKey = await post(panel.url, "/api/users/sync", { email: "x@example.com" }, { key: null });
      assert.equal(noKey.status, 401);
      const taken = await post(panel.url, "/api/users/sync", { email: "someone-else@example.com", username: "newclient" });
      assert.equal(taken.status, 409);
    });

    it("concurrent syncs of one email make one user", async () => {
      const results = await Promise.all(Array.from({ length: 4 }, () => post(panel.url, "/api/users/sync", { email: "race@example.com" })));
      assert.equal(new Set(results.map((r) => r.json.user.id)).size, 1);
      assert.deepEqual(results.map((r) => r.status).sort(), [200, 200, 200, 201]);
    });

    it("replays with an Idempotency-Key", async () => {
      const first = await post(panel.url, "/api/users/sync", { email: "idem-user@example.com" }, { idempotencyKey: "user-idem" });
      const again = await post(panel.url, "/api/users/sync", { email: "idem-user@example.com" }, { idempotencyKey: "user-idem" });
      assert.deepEqual([first.status, again.status], [201, 201]);
      assert.equal(again.text, first.text);
      assert.equal(again.headers.get("idempotent-replayed"), "true");
    });
  });
});
