// A client cancels an order nobody has started (DELETE /api/orders/:id), and the admin
// orders API and page (/api/admin/orders, /admin/orders): who may, and what each answers.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SessionClient, signInDemoUsers } from "../support/http";
import { issueToken } from "../support/issue-token";
import { startPanel, TEST_ADMIN, type Panel } from "../support/panel";
import { post, query, sync } from "../support/sync";

const json = (body: unknown, method = "POST") => ({ method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const del = { method: "DELETE" };
const EVIL = "https://evil.example";

describe("order cancel and admin orders over HTTP", () => {
  let panel: Panel;
  let admin: SessionClient;
  let client: SessionClient;
  let jane: SessionClient;
  let proId: number;

  const order = async (c: SessionClient = client) => {
    const res = await c.fetch("/api/orders", json({ plan_id: proId }));
    assert.equal(res.status, 201);
    return (await res.json()).order as { id: number; user_id: number; os: string };
  };

  before(async () => {
    panel = await startPanel();
    ({ admin, client, jane, proId } = await signInDemoUsers(panel.url, TEST_ADMIN));
  });
  after(async () => {
    await panel?.stop();
  });

  describe("a client cancels a waiting order", () => {
    it("cancels it: status cancelled, order.status_changed recorded for the main site, the main site's create then refused", async () => {
      const o = await order();
      const res = await client.fetch(`/api/orders/${o.id}`, del);
      assert.equal(res.status, 200);
      const body = await res.json();
      assert.equal(body.order.status, "cancelled");
      assert.equal(body.order.error_message, "Cancelled by the client");
      assert.ok(body.order.finished_at);
      const events = await query<{ payload: { status: string; previous_status: string; order: { status: string } } }>(
        panel.databaseUrl,
        `SELECT payload FROM domain_events WHERE type = 'order.status_changed' AND (payload->>'order_id')::int = $1`,
        [o.id],
      );
      assert.equal(events.length, 1);
      assert.deepEqual(
        { s: events[0].payload.status, p: events[0].payload.previous_status, o: events[0].payload.order.status },
        { s: "cancelled", p: "in_progress", o: "cancelled" },
      );
      // Cancelling again is a retry: same answer, no second event.
      const again = await client.fetch(`/api/orders/${o.id}`, del);
      assert.equal(again.status, 200);
      assert.equal((await again.json()).order.status, "cancelled");
      const count = await query(panel.databaseUrl, `SELECT 1 FROM domain_events WHERE type = 'order.status_changed' AND (payload->>'order_id')::int = $1`, [o.id]);
      assert.equal(count.length, 1);
      // The main site, late: its create with the order_id is refused, and it cannot fail it either.
      const create = await sync(panel.url, { action: "create", vps: { user_id: o.user_id, name: `late-${o.id}`, cpu: 2, ram: 4096, disk: 60, os: o.os, order_id: o.id } });
      assert.equal(create.status, 409, create.text);
      assert.match(create.json.message, /cancelled/);
      const fail = await post(panel.url, `/api/orders/${o.id}/fail`, { reason: "late" });
      assert.equal(fail.status, 409);
    });

    it("an order already being built (VPS registered) answers 409 with a clear message, and stays in progress", async () => {
      const o = await order();
      const created = await sync(panel.url, { action: "create", vps: { user_id: o.user_id, name: `built-${o.id}`, cpu: 2, ram: 4096, disk: 60, os: o.os, order_id: o.id } });
      assert.equal(created.status, 201, created.text);
      const res = await client.fetch(`/api/orders/${o.id}`, del);
      assert.equal(res.status, 409);
      assert.match((await res.json()).message, /already being fulfilled.*can no longer be cancelled/);
      assert.equal((await (await client.fetch(`/api/orders/${o.id}`)).json()).order.status, "in_progress");
    });

    it("a failed order cannot be cancelled (409)", async () => {
      const o = await order();
      assert.equal((await post(panel.url, `/api/orders/${o.id}/fail`, { reason: "no capacity" })).status, 200);
      const res = await client.fetch(`/api/orders/${o.id}`, del);
      assert.equal(res.status, 409);
      assert.match((await res.json()).message, /already error/);
    });

    it("another client's order is 404 (an admin's too); anonymous 401; a foreign Origin is refused; nothing changes", async () => {
      const o = await order();
      assert.equal((await jane.fetch(`/api/orders/${o.id}`, del)).status, 404);
      assert.equal((await admin.fetch(`/api/orders/${o.id}`, del)).status, 404);
      assert.equal((await fetch(`${panel.url}/api/orders/${o.id}`, del)).status, 401);
      assert.equal((await client.fetch(`/api/orders/${o.id}`, { method: "DELETE", headers: { origin: EVIL } })).status, 403);
      assert.equal((await client.fetch(`/api/orders/999999`, del)).status, 404);
      assert.equal((await (await client.fetch(`/api/orders/${o.id}`)).json()).order.status, "in_progress");
    });

    it("an API token with orders:write cancels its owner's order; vps:read may not", async () => {
      const o = await order();
      const reader = await issueToken(panel.url, "client@ospab.local", "client-demo-pass", ["vps:read"]);
      const writer = await issueToken(panel.url, "client@ospab.local", "client-demo-pass", ["orders:write"]);
      assert.equal((await fetch(`${panel.url}/api/orders/${o.id}`, { method: "DELETE", headers: { authorization: `Bearer ${reader}` } })).status, 403);
      const ok = await fetch(`${panel.url}/api/orders/${o.id}`, { method: "DELETE", headers: { authorization: `Bearer ${writer}` } });
      assert.equal(ok.status, 200);
      assert.equal((await ok.json()).order.status, "cancelled");
    });
  });

  describe("admin orders", () => {
    it("lists everyone's orders with status, user and search filters and pages", async () => {
      const j = await order(jane);
      const all = await (await admin.fetch("/api/admin/orders")).json();
      assert.ok(all.total >= 6);
      assert.ok(all.orders.some((o: { id: number }) => o.id === j.id));
      const cancelled = await (await admin.fetch("/api/admin/orders?status=cancelled")).json();
      assert.ok(cancelled.orders.length >= 2);
      assert.ok(cancelled.orders.every((o: { status: string }) => o.status === "cancelled"));
      const janes = await (await admin.fetch("/api/admin/orders?user=jane")).json();
      assert.deepEqual(janes.orders.map((o: { id: number }) => o.id), [j.id]);
      assert.equal(janes.orders[0].owner.id, j.user_id);
      const byNumber = await (await admin.fetch(`/api/admin/orders?q=${j.id}`)).json();
      assert.ok(byNumber.orders.some((o: { id: number }) => o.id === j.id));
      const paged = await (await admin.fetch("/api/admin/orders?per_page=2&page=2")).json();
      assert.deepEqual({ n: paged.orders.length, page: paged.page, per: paged.per_page }, { n: 2, page: 2, per: 2 });
      assert.equal((await admin.fetch("/api/admin/orders?status=bogus")).status, 400);
    });

    it("an admin fails an order with a reason, sees its history, and retries it; retry is refused where it cannot apply", async () => {
      const o = await order(jane);
      assert.equal((await admin.fetch(`/api/admin/orders/${o.id}/fail`, json({}))).status, 400);
      const failed = await admin.fetch(`/api/admin/orders/${o.id}/fail`, json({ reason: "Payment reversed" }));
      assert.equal(failed.status, 200);
      assert.deepEqual(((await failed.json()).order as { status: string; error_message: string }).error_message, "Payment reversed");
      const retried = await admin.fetch(`/api/admin/orders/${o.id}/retry`, json({}));
      assert.equal(retried.status, 200);
      const r = (await retried.json()).order;
      assert.deepEqual({ s: r.status, e: r.error_message, f: r.finished_at }, { s: "in_progress", e: null, f: null });
      const creates = await query(panel.databaseUrl, `SELECT 1 FROM domain_events WHERE type = 'order.created' AND (payload->>'order_id')::int = $1`, [o.id]);
      assert.equal(creates.length, 2, "the retry tells the main site again");
      const detail = await (await admin.fetch(`/api/admin/orders/${o.id}`)).json();
      assert.deepEqual(
        detail.history.map((h: { status: string; previous_status: string | null }) => `${h.previous_status}→${h.status}`),
        ["null→in_progress", "in_progress→error", "error→in_progress"],
      );
      assert.equal(detail.order.owner.id, o.user_id);
      // Not failed → 409; a finished order cannot be failed; a cancelled one cannot be retried.
      const again = await admin.fetch(`/api/admin/orders/${o.id}/retry`, json({}));
      assert.equal(again.status, 409);
      assert.match((await again.json()).message, /only a failed order/);
      const { orders } = await (await admin.fetch("/api/admin/orders?status=cancelled")).json();
      assert.equal((await admin.fetch(`/api/admin/orders/${orders[0].id}/retry`, json({}))).status, 409);
      assert.equal((await admin.fetch(`/api/admin/orders/999999`)).status, 404);
    });

    it("a failed order that had a VPS cannot be retried (409)", async () => {
      const o = await order();
      const created = await sync(panel.url, { action: "create", vps: { user_id: o.user_id, name: `broken-${o.id}`, cpu: 2, ram: 4096, disk: 60, os: o.os, order_id: o.id } });
      assert.equal(created.status, 201);
      await sync(panel.url, { action: "update", vps: { id: created.json.vps.id, status: "error" } });
      assert.equal((await (await admin.fetch(`/api/admin/orders/${o.id}`)).json()).order.status, "error");
      const res = await admin.fetch(`/api/admin/orders/${o.id}/retry`, json({}));
      assert.equal(res.status, 409);
      assert.match((await res.json()).message, /linked to VPS/);
    });

    it("a client, an anonymous caller and a foreign Origin are refused on every admin orders endpoint and page", async () => {
      const o = await order();
      const gets = ["/api/admin/orders", `/api/admin/orders/${o.id}`];
      const posts = [`/api/admin/orders/${o.id}/fail`, `/api/admin/orders/${o.id}/retry`];
      for (const p of gets) {
        assert.equal((await client.fetch(p)).status, 403, p);
        assert.equal((await fetch(`${panel.url}${p}`)).status, 401, p);
        assert.equal((await admin.fetch(p, { headers: { origin: EVIL } })).status, 403, p);
      }
      for (const p of posts) {
        assert.equal((await client.fetch(p, json({ reason: "x" }))).status, 403, p);
        assert.equal((await fetch(`${panel.url}${p}`, json({ reason: "x" }))).status, 401, p);
        assert.equal((await admin.fetch(p, { ...json({ reason: "x" }), headers: { "content-type": "application/json", origin: EVIL } })).status, 403, p);
      }
      assert.equal((await (await client.fetch(`/api/orders/${o.id}`)).json()).order.status, "in_progress");
      // The pages: a client is sent away, an anonymous visitor to the sign-in page; the admin sees them.
      for (const p of ["/admin/orders", `/admin/orders/${o.id}`]) {
        const c = await client.fetch(p);
        assert.ok([302, 303, 307].includes(c.status), `${p} client ${c.status}`);
        assert.doesNotMatch(c.headers.get("location") ?? "", /admin\/orders/);
        const anon = await fetch(`${panel.url}${p}`, { redirect: "manual" });
        assert.ok([302, 303, 307].includes(anon.status), `${p} anonymous ${anon.status}`);
        assert.match(anon.headers.get("location") ?? "", /login/);
        const a = await admin.fetch(p);
        assert.equal(a.status, 200, p);
        assert.match(await a.text(), new RegExp(p.endsWith("orders") ? "data-testid=\"order-row\"" : `data-order-id="${o.id}"`));
      }
      assert.equal((await admin.fetch("/admin/orders/999999")).status, 404);
      // A forged router tree skips the admin layout: the pages must refuse by themselves; a
      // foreign Origin gets nothing either.
      const forged = { rsc: "1", "next-router-state-tree": encodeURIComponent(JSON.stringify(["", { children: ["(admin)", {}] }])) };
      for (const p of ["/admin/orders", `/admin/orders/${o.id}`]) {
        for (const [who, c] of [["anonymous", null], ["client", client]] as const) {
          for (const headers of [{}, forged]) {
            const r = c ? await c.fetch(p, { headers }) : await fetch(`${panel.url}${p}`, { headers, redirect: "manual" });
            assert.doesNotMatch(await r.text(), /order-row|data-testid="admin-order"|order-history/, `${p} ${who} ${JSON.stringify(headers)}: ${r.status}`);
          }
        }
        const foreign = await admin.fetch(p, { headers: { origin: EVIL } });
        assert.doesNotMatch(await foreign.text(), /order-row|data-testid="admin-order"|order-history/, `${p} foreign origin`);
      }
    });
  });
});
