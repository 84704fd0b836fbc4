// The client area as clients, admins and the main site meet it over HTTP: filtered VPS list,
// detail page, isolation between clients, root password, the action lifecycle (request →
// pending → confirmed by the main site through updateVps), admin lists.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { deriveKey, encryptSecret } from "../../lib/crypto/secret-box";
import { openDatabase, type Database } from "../../lib/db";
import { ROOT_PASSWORD_PURPOSE } from "../../lib/vps/root-password";
import { updateVps } from "../../lib/vps/update-vps";
import { SessionClient } from "../support/http";
import { startPanel, TEST_ADMIN, type Panel } from "../support/panel";

const ENCRYPTION_KEY = randomBytes(32).toString("hex");

/** VPS ids of the rows a page rendered (table rows and phone cards), in order, de-duplicated. */
function rowIds(html: string): number[] {
  const ids = [...html.matchAll(/data-testid="vps-row" data-vps-id="(\d+)"/g)].map((m) => Number(m[1]));
  return [...new Set(ids)];
}

async function postJson(c: SessionClient, path: string, body?: unknown) {
  const res = await c.fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
}

describe("client area over HTTP", () => {
  let panel: Panel;
  let db: Database;
  let alice: SessionClient; // client@ospab.local, 5 VPS
  let jane: SessionClient; // client2@ospab.local, 1 VPS
  let admin: SessionClient;
  const vpsId: Record<string, number> = {};
  let aliceId = 0;

  before(async () => {
    panel = await startPanel({ env: { PANEL_ENCRYPTION_KEY: ENCRYPTION_KEY } });
    db = await openDatabase({ databaseUrl: panel.databaseUrl, poolSize: 3 });
    for (const v of await db.prisma.vps.findMany({ select: { id: true, name: true, userId: true } })) vpsId[v.name] = v.id;
    aliceId = (await db.prisma.user.findUniqueOrThrow({ where: { email: "client@ospab.local" } })).id;
    alice = new SessionClient(panel.url);
    jane = new SessionClient(panel.url);
    admin = new SessionClient(panel.url);
    assert.ok(await alice.signIn("client@ospab.local", "client-demo-pass"));
    assert.ok(await jane.signIn("jane", "client2-demo-pass"));
    assert.ok(await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password));
  });
  after(async () => {
    await db?.close();
    await panel?.stop();
  });

  describe("VPS list", () => {
    it("searches by name, IP and OS, filters by status, sorts, all from the URL", async () => {
      const page = async (qs: string) => {
        const res = await alice.fetch(`/dashboard${qs}`);
        assert.equal(res.status, 200, qs);
        return res.text();
      };
      assert.deepEqual(rowIds(await page("?q=DB-prim")), [vpsId["db-primary"]]);
      assert.deepEqual(rowIds(await page("?q=203.0.113.12")), [vpsId["staging"]]);
      assert.deepEqual(new Set(rowIds(await page("?q=debian"))), new Set([vpsId["db-primary"]]));
      assert.deepEqual(rowIds(await page("?status=suspended")), [vpsId["backup-node"]]);
      const byName = rowIds(await page("?sort=name"));
      assert.deepEqual(byName, ["backup-node", "db-primary", "new-project", "staging", "web-server-01"].map((n) => vpsId[n]));
      assert.deepEqual(rowIds(await page("?sort=name&dir=desc")), [...byName].reverse());
      const byStatus = rowIds(await page("?sort=status"));
      assert.equal(byStatus[0], vpsId["new-project"]); // creating comes first
      assert.equal(byStatus.at(-1), vpsId["backup-node"]); // suspended last of these
      // Never another client's VPS, whatever the search.
      assert.deepEqual(rowIds(await page("?q=jane")), []);
    });

    it("tells 'no match' from 'no VPS', and a bad parameter falls back instead of failing", async () => {
      const none = await (await alice.fetch("/dashboard?q=zzz-nothing")).text();
      assert.match(none, /data-testid="vps-no-match"/);
      assert.doesNotMatch(none, /data-testid="vps-empty"/);
      const bogus = await alice.fetch("/dashboard?status=bogus&sort=%00&dir=sideways");
      assert.equal(bogus.status, 200);
      assert.equal(rowIds(await bogus.text()).length, 5);

      const fresh = new SessionClient(panel.url);
      await db.prisma.user.create({ data: { email: "empty@example.com", passwordHash: (await db.prisma.user.findUniqueOrThrow({ where: { id: aliceId }, select: { passwordHash: true } })).passwordHash } });
      assert.ok(await fresh.signIn("empty@example.com", "client-demo-pass"));
      const html = await (await fresh.fetch("/dashboard")).text();
      assert.match(html, /data-testid="vps-empty"/);
    });

    it("links every row to its detail page", async () => {
      const html = await (await alice.fetch("/dashboard")).text();
      for (const name of ["web-server-01", "staging"]) assert.ok(html.includes(`href="/vps/${vpsId[name]}"`), name);
    });
  });

  describe("isolation", () => {
    it("a client gets 404 for another client's VPS page, and for ids that do not exist", async () => {
      const own = await alice.fetch(`/vps/${vpsId["web-server-01"]}`);
      assert.equal(own.status, 200);
      assert.match(await own.text(), /web-server-01/);
      const janes = await alice.fetch(`/vps/${vpsId["jane-blog"]}`);
      assert.equal(janes.status, 404);
      assert.doesNotMatch(await janes.text(), /jane-blog|198\.51\.100\.7/);
      for (const guess of ["999999", "0", "-1", "abc", "1e3", "99999999999"]) {
        assert.equal((await alice.fetch(`/vps/${guess}`)).status, 404, guess);
      }
      // Jane, conversely, cannot see Alice's.
      assert.equal((await jane.fetch(`/vps/${vpsId["db-primary"]}`)).status, 404);
    });

    it("a client gets 404 for another client's actions and root password; signed out gets 401", async () => {
      const id = vpsId["jane-blog"];
      const act = await postJson(alice, `/api/vps/${id}/actions`, { action: "reboot" });
      assert.equal(act.status, 404);
      assert.equal(act.body?.message, "VPS not found");
      const pw = await postJson(alice, `/api/vps/${id}/root-password`);
      assert.equal(pw.status, 404);
      assert.equal((await postJson(alice, `/api/vps/424242/actions`, { action: "reboot" })).status, 404);
      assert.equal((await postJson(alice, `/api/vps/abc/root-password`)).status, 404);
      const anon = new SessionClient(panel.url);
      assert.equal((await postJson(anon, `/api/vps/${id}/actions`, { action: "reboot" })).status, 401);
      assert.equal((await postJson(anon, `/api/vps/${id}/root-password`)).status, 401);
      // Nothing was requested on Jane's VPS.
      assert.equal(await db.prisma.vpsActionRequest.count({ where: { vpsId: id } }), 0);
    });

    it("an admin sees any VPS's detail and activity, but neither acts for nor reads the owner's password", async () => {
      const res = await admin.fetch(`/vps/${vpsId["jane-blog"]}`);
      assert.equal(res.status, 200);
      const html = await res.text();
      assert.match(html, /jane-blog/);
      assert.match(html, /data-testid="activity-entry" data-type="vps.created"/);
      assert.match(html, /data-testid="admin-view-note"/);
      assert.equal((await postJson(admin, `/api/vps/${vpsId["jane-blog"]}/actions`, { action: "reboot" })).status, 403);
      assert.equal((await postJson(admin, `/api/vps/${vpsId["jane-blog"]}/root-password`)).status, 403);
    });
  });

  describe("root password", () => {
    it("is revealed to the owner on request only, decrypted, never in the page", async () => {
      const id = vpsId["db-primary"];
      const sealed = encryptSecret("Xy7-root-Pa55", ROOT_PASSWORD_PURPOSE, deriveKey(ENCRYPTION_KEY));
      await db.prisma.vps.update({ where: { id }, data: { rootPasswordEnc: sealed } });

      const page = await (await alice.fetch(`/vps/${id}`)).text();
      assert.match(page, /data-testid="root-password-reveal"/);
      assert.ok(!page.includes("Xy7-root-Pa55") && !page.includes(sealed));

      const res = await postJson(alice, `/api/vps/${id}/root-password`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { password: "Xy7-root-Pa55" });
      assert.equal(res.headers.get("cache-control"), "no-store");
      // The list API does not carry it either.
      const list = await (await alice.fetch("/api/vps")).text();
      assert.ok(!list.includes("Xy7-root-Pa55") && !list.includes(sealed) && !list.includes("root_password"));
    });

    it("says plainly when none is stored", async () => {
      const id = vpsId["new-project"];
      assert.match(await (await alice.fetch(`/vps/${id}`)).text(), /data-testid="root-password-none"/);
      const res = await postJson(alice, `/api/vps/${id}/root-password`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { password: null });
    });
  });

  describe("actions", () => {
    it("reboot: 202 pending → overlapping request 409 → main site confirms → completed, new action allowed", async () => {
      const id = vpsId["web-server-01"];
      const first = await postJson(alice, `/api/vps/${id}/actions`, { action: "reboot" });
      assert.equal(first.status, 202);
      const request = first.body?.request as { id: number; action: string; status: string; vps_id: number };
      assert.equal(request.action, "reboot");
      assert.equal(request.status, "pending");
      assert.equal(request.vps_id, id);

      const event = await db.prisma.domainEvent.findFirstOrThrow({ where: { type: "vps.action_requested", vpsId: id }, orderBy: { id: "desc" } });
      const payload = event.payload as Record<string, unknown>;
      assert.equal(payload.action, "reboot");
      assert.equal(payload.request_id, request.id);
      assert.deepEqual(payload.requested_by, { id: aliceId, role: "client" });
      assert.deepEqual(payload.params, {});
      assert.equal((payload.vps as { id: number }).id, id);
      assert.equal(event.userId, aliceId);

      for (const action of ["reboot", "stop"]) {
        const again = await postJson(alice, `/api/vps/${id}/actions`, { action });
        assert.equal(again.status, 409, action);
        assert.match(String(again.body?.message), /reboot request .* still pending/);
      }
      // The page shows the pending task.
      assert.match(await (await alice.fetch(`/vps/${id}`)).text(), /data-testid="pending-action" data-action="reboot"/);

      // The main site confirms: the VPS is running again (an explicit status update).
      await updateVps(db.prisma, id, { status: "running" });
      const done = await db.prisma.vpsActionRequest.findUniqueOrThrow({ where: { id: request.id } });
      assert.equal(done.status, "completed");
      assert.ok(done.resolvedAt);
      const resolved = await db.prisma.domainEvent.findFirstOrThrow({ where: { type: "vps.action_resolved", vpsId: id }, orderBy: { id: "desc" } });
      assert.equal((resolved.payload as { request_id: number; status: string }).request_id, request.id);
      assert.equal((resolved.payload as { status: string }).status, "completed");
      assert.doesNotMatch(await (await alice.fetch(`/vps/${id}`)).text(), /data-testid="pending-action"/);

      // Stop is allowed now; it completes when the VPS is stopped, then start when running.
      const stop = await postJson(alice, `/api/vps/${id}/actions`, { action: "stop" });
      assert.equal(stop.status, 202);
      await updateVps(db.prisma, id, { ipAddress: "203.0.113.99" }); // unrelated change: still pending
      assert.equal((await db.prisma.vpsActionRequest.findUniqueOrThrow({ where: { id: (stop.body!.request as { id: number }).id } })).status, "pending");
      await updateVps(db.prisma, id, { status: "stopped" });
      assert.equal((await db.prisma.vpsActionRequest.findUniqueOrThrow({ where: { id: (stop.body!.request as { id: number }).id } })).status, "completed");
      const start = await postJson(alice, `/api/vps/${id}/actions`, { action: "start" });
      assert.equal(start.status, 202);
      await updateVps(db.prisma, id, { status: "running" });
      assert.equal((await db.prisma.vpsActionRequest.findUniqueOrThrow({ where: { id: (start.body!.request as { id: number }).id } })).status, "completed");
    });

    it("refuses power actions that do not fit the status, with a clear 409", async () => {
      const cases: [string, string, RegExp][] = [
        ["web-server-01", "start", /started only when it is stopped \(it is running\)/],
        ["staging", "stop", /stopped only when it is running \(it is stopped\)/],
        ["staging", "reboot", /rebooted only when it is running \(it is stopped\)/],
        ["backup-node", "start", /suspended by the billing system/],
      ];
      for (const [name, action, message] of cases) {
        const res = await postJson(alice, `/api/vps/${vpsId[name]}/actions`, { action });
        assert.equal(res.status, 409, `${action} ${name}`);
        assert.match(String(res.body?.message), message);
      }
      const bad = await postJson(alice, `/api/vps/${vpsId["staging"]}/actions`, { action: "format-disk" });
      assert.equal(bad.status, 400);
      assert.equal((await alice.fetch(`/api/vps/${vpsId["staging"]}/actions`, { method: "POST", body: "action=start" })).status, 415);
    });

    it("two simultaneous requests: exactly one is accepted", async () => {
      const id = vpsId["db-primary"];
      const results = await Promise.all([1, 2, 3].map(() => postJson(alice, `/api/vps/${id}/actions`, { action: "reboot" })));
      assert.deepEqual(results.map((r) => r.status).sort(), [202, 409, 409]);
      assert.equal(await db.prisma.vpsActionRequest.count({ where: { vpsId: id, status: "pending" } }), 1);
      await updateVps(db.prisma, id, { status: "running" });
      assert.equal(await db.prisma.vpsActionRequest.count({ where: { vpsId: id, status: "pending" } }), 0);
    });

    it("rename validates the name and completes when the main site reports it", async () => {
      const id = vpsId["staging"];
      const invalid = ["", " ", "a".repeat(64), "bad name", "-leading", "trailing-", "имя", "x/y", "semi;colon"];
      for (const name of invalid) {
        const res = await postJson(alice, `/api/vps/${id}/actions`, { action: "rename", name });
        assert.equal(res.status, 400, JSON.stringify(name));
        assert.match(String(res.body?.message), /name/);
      }
      assert.equal((await postJson(alice, `/api/vps/${id}/actions`, { action: "rename" })).status, 400);
      const same = await postJson(alice, `/api/vps/${id}/actions`, { action: "rename", name: "staging" });
      assert.equal(same.status, 400);
      assert.match(String(same.body?.message), /already named/);
      assert.equal(await db.prisma.vpsActionRequest.count({ where: { vpsId: id } }), 0);

      const ok = await postJson(alice, `/api/vps/${id}/actions`, { action: "rename", name: "  staging-2.eu_1  " });
      assert.equal(ok.status, 202);
      const request = ok.body!.request as { id: number; params: { name: string } };
      assert.deepEqual(request.params, { name: "staging-2.eu_1" });
      assert.equal((await postJson(alice, `/api/vps/${id}/actions`, { action: "rename", name: "other" })).status, 409);
      await updateVps(db.prisma, id, { name: "something-else" });
      assert.equal((await db.prisma.vpsActionRequest.findUniqueOrThrow({ where: { id: request.id } })).status, "pending");
      await updateVps(db.prisma, id, { name: "staging-2.eu_1" });
      assert.equal((await db.prisma.vpsActionRequest.findUniqueOrThrow({ where: { id: request.id } })).status, "completed");
      assert.equal((await postJson(alice, `/api/vps/${id}/actions`, { action: "rename", name: "a".repeat(63) })).status, 202);
    });

    it("a pending power action fails when the VPS is suspended instead", async () => {
      const id = vpsId["web-server-01"];
      const res = await postJson(alice, `/api/vps/${id}/actions`, { action: "stop" });
      assert.equal(res.status, 202);
      await updateVps(db.prisma, id, { status: "suspended" });
      assert.equal((await db.prisma.vpsActionRequest.findUniqueOrThrow({ where: { id: (res.body!.request as { id: number }).id } })).status, "failed");
      await updateVps(db.prisma, id, { status: "running" });
    });
  });

  describe("admin lists", () => {
    it("are for admins only", async () => {
      assert.equal((await alice.fetch("/api/admin/vps")).status, 403);
      assert.equal((await alice.fetch("/api/admin/users")).status, 403);
      assert.equal((await new SessionClient(panel.url).fetch("/api/admin/vps")).status, 401);
      const page = await alice.fetch("/admin/vps");
      assert.equal(page.status, 307);
    });

    it("page, filter and search all VPS; bad parameters get 400", async () => {
      const get = async (qs: string) => {
        const res = await admin.fetch(`/api/admin/vps${qs}`);
        return { status: res.status, body: (await res.json()) as { vps: { id: number; name: string; owner: { email: string } }[]; total: number; page: number; pages: number; message?: string } };
      };
      const all = await get("");
      assert.equal(all.status, 200);
      assert.equal(all.body.total, 6);
      const p1 = await get("?per_page=4&sort=name");
      const p2 = await get("?per_page=4&sort=name&page=2");
      assert.equal(p1.body.pages, 2);
      assert.equal(p1.body.vps.length, 4);
      assert.equal(p2.body.vps.length, 2);
      assert.deepEqual(new Set([...p1.body.vps, ...p2.body.vps].map((v) => v.id)).size, 6);
      assert.equal((await get("?status=suspended")).body.total, 1);
      assert.equal((await get(`?owner=${aliceId}`)).body.total, 5);
      assert.equal((await get("?owner=client2@")).body.vps[0]?.name, "jane-blog");
      assert.equal((await get("?q=198.51")).body.total, 1);
      assert.equal((await get("?page=99")).body.page, 1); // past the end: the last page
      for (const bad of ["?page=0", "?page=-1", "?page=abc", "?per_page=1000", "?per_page=0", "?status=bogus", "?sort=price", "?dir=up"]) {
        const r = await get(bad);
        assert.equal(r.status, 400, bad);
        assert.match(String(r.body.message), /Invalid request/);
      }
    });

    it("list users with VPS counts, role filter and search; pages clamp bad parameters", async () => {
      const res = await admin.fetch("/api/admin/users?role=client&q=ospab.local");
      assert.equal(res.status, 200);
      const body = (await res.json()) as { users: { email: string; vps_count: number; role: string }[]; total: number };
      assert.equal(body.total, 2);
      assert.deepEqual(Object.fromEntries(body.users.map((u) => [u.email, u.vps_count])), { "client@ospab.local": 5, "client2@ospab.local": 1 });
      assert.ok(body.users.every((u) => u.role === "client"));
      assert.equal((await admin.fetch("/api/admin/users?role=root")).status, 400);

      const html = await (await admin.fetch("/admin/users?q=jane")).text();
      assert.match(html, /client2@ospab\.local/);
      assert.doesNotMatch(html, /client@ospab\.local/);
      for (const page of ["/admin/users?page=-3&per_page=abc&role=x", "/admin/vps?page=0&per_page=99999&status=nope&sort=zzz"]) {
        const r = await admin.fetch(page);
        assert.equal(r.status, 200, page);
      }
      const vpsPage = await (await admin.fetch(`/admin/vps?owner=${aliceId}&per_page=2&page=2`)).text();
      assert.equal(rowIds(vpsPage).length, 2);
      assert.match(vpsPage, /data-testid="pager-status">[^<]*2[^<]*3</);
    });
  });
});
