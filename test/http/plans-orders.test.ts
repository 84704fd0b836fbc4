// Plans and orders as their users meet them over HTTP: the admin manages the catalogue,
// clients order (browser session or API token), the main site links the VPS it builds
// through the sync API and the order finishes, or fails it with a reason.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SessionClient, signInDemoUsers } from "../support/http";
import { startPanel, TEST_ADMIN, type Panel } from "../support/panel";
import { post, sync } from "../support/sync";
import { issueToken } from "../support/issue-token";

const json = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const patch = (body: unknown) => ({ ...json(body), method: "PATCH" });

describe("plans and orders over HTTP", () => {
  let panel: Panel;
  let admin: SessionClient;
  let client: SessionClient;
  let jane: SessionClient;
  let proId: number;

  before(async () => {
    panel = await startPanel();
    ({ admin, client, jane, proId } = await signInDemoUsers(panel.url, TEST_ADMIN));
  });
  after(async () => {
    await panel?.stop();
  });

  describe("plans", () => {
    it("anyone signed in lists the active plans; only admins see all, only admins write", async () => {
      assert.equal((await fetch(`${panel.url}/api/plans`)).status, 401);
      const { plans } = await (await client.fetch("/api/plans")).json();
      assert.deepEqual(plans.map((p: { code: string }) => p.code).sort(), ["vps-max", "vps-pro", "vps-start"]);
      const pro = plans.find((p: { code: string }) => p.code === "vps-pro");
      assert.deepEqual({ cpu: pro.cpu, ram: pro.ram, disk: pro.disk, active: pro.is_active }, { cpu: 2, ram: 4096, disk: 60, active: true });
      assert.equal((await client.fetch("/api/plans?all=1")).status, 403);
      assert.equal((await client.fetch("/api/plans", json({ code: "x", name: "x", cpu: 1, ram: 512, disk: 5, os_choices: ["Debian 12"] }))).status, 403);
      assert.equal((await client.fetch(`/api/plans/${proId}`, patch({ is_active: false }))).status, 403);
    });

    it("an admin creates a plan; bad input gets a clear 400 and changes nothing; a taken code is a 409", async () => {
      const bad = await admin.fetch("/api/plans", json({ code: "Bad Code", name: "", cpu: 0, ram: 64, disk: 10, os_choices: [] }));
      assert.equal(bad.status, 400);
      const msg = (await bad.json()).message;
      for (const field of ["code", "name", "cpu", "ram", "os_choices"]) assert.match(msg, new RegExp(`${field}:`), msg);
      assert.equal((await (await admin.fetch("/api/plans?all=1")).json()).plans.length, 3);

      const res = await admin.fetch("/api/plans", json({ code: "vps-mini", name: "VPS Mini", cpu: 1, ram: 512, disk: 10, os_choices: ["Debian 12", "Alpine 3.20"], price_monthly: 149 }));
      assert.equal(res.status, 201);
      const { plan } = await res.json();
      assert.deepEqual({ code: plan.code, ram: plan.ram, os: plan.os_choices, active: plan.is_active, description: plan.description }, { code: "vps-mini", ram: 512, os: ["Debian 12", "Alpine 3.20"], active: true, description: "" });
      const dup = await admin.fetch("/api/plans", json({ code: "vps-mini", name: "Again", cpu: 1, ram: 512, disk: 10, os_choices: ["Debian 12"] }));
      assert.equal(dup.status, 409);
      assert.match((await dup.json()).message, /vps-mini.*already exists/);
    });

    it("deactivating a plan hides it from buyers and stops new orders; reactivating brings it back", async () => {
      const { plans } = await (await admin.fetch("/api/plans?all=1")).json();
      const mini = plans.find((p: { code: string }) => p.code === "vps-mini");
      const off = await admin.fetch(`/api/plans/${mini.id}`, patch({ is_active: false }));
      assert.equal(off.status, 200);
      assert.equal((await off.json()).plan.is_active, false);
      const visible = (await (await client.fetch("/api/plans")).json()).plans.map((p: { code: string }) => p.code);
      assert.ok(!visible.includes("vps-mini"));
      const order = await client.fetch("/api/orders", json({ plan_id: mini.id }));
      assert.equal(order.status, 404);
      assert.match((await order.json()).message, /not available/);
      assert.equal((await admin.fetch(`/api/plans/${mini.id}`, patch({ is_active: true }))).status, 200);
      assert.equal((await admin.fetch(`/api/plans/${mini.id}`, patch({ bogus: 1 }))).status, 400);
      assert.equal((await admin.fetch(`/api/plans/999999`, patch({ name: "x" }))).status, 404);
    });
  });

  describe("orders", () => {
    it("a client orders with a session; the OS must be one of the plan's", async () => {
      const bad = await client.fetch("/api/orders", json({ plan_id: proId, os: "Windows 11" }));
      assert.equal(bad.status, 400);
      assert.match((await bad.json()).message, /not offered.*Ubuntu 22.04 LTS/);
      const res = await client.fetch("/api/orders", json({ plan_id: proId, os: "Debian 12" }));
      assert.equal(res.status, 201);
      const { order } = await res.json();
      assert.deepEqual(
        { status: order.status, os: order.os, source: order.source, plan: order.plan.code, vps: order.vps },
        { status: "in_progress", os: "Debian 12", source: "panel", plan: "vps-pro", vps: null },
      );
      const mine = (await (await client.fetch("/api/orders")).json()).orders;
      assert.equal(mine[0].id, order.id);
    });

    it("orders are private: another client gets 404, an admin sees them", async () => {
      const { orders } = await (await client.fetch("/api/orders")).json();
      const id = orders[0].id;
      assert.equal((await jane.fetch(`/api/orders/${id}`)).status, 404);
      assert.deepEqual((await (await jane.fetch("/api/orders")).json()).orders, []);
      assert.equal((await jane.fetch("/api/orders?all=1")).status, 403);
      assert.equal((await admin.fetch(`/api/orders/${id}`)).status, 200);
      assert.ok((await (await admin.fetch("/api/orders?all=1")).json()).orders.some((o: { id: number }) => o.id === id));
      assert.equal((await client.fetch("/api/orders/abc")).status, 404);
    });

    it("an API token orders with orders:write; a token without it may read but not order", async () => {
      const writer = await issueToken(panel.url, "client@ospab.local", "client-demo-pass", ["orders:write"]);
      const reader = await issueToken(panel.url, "client@ospab.local", "client-demo-pass", ["vps:read"]);
      const bearer = (t: string) => ({ authorization: `Bearer ${t}`, "content-type": "application/json" });
      const ok = await fetch(`${panel.url}/api/orders`, { method: "POST", headers: bearer(writer), body: JSON.stringify({ plan_id: proId }) });
      assert.equal(ok.status, 201);
      const { order } = await ok.json();
      assert.deepEqual({ os: order.os, source: order.source }, { os: "Ubuntu 22.04 LTS", source: "api" });
      const denied = await fetch(`${panel.url}/api/orders`, { method: "POST", headers: bearer(reader), body: JSON.stringify({ plan_id: proId }) });
      assert.equal(denied.status, 403);
      assert.match((await denied.json()).message, /orders:write/);
      const read = await fetch(`${panel.url}/api/orders/${order.id}`, { headers: bearer(reader) });
      assert.equal(read.status, 200);
      assert.equal((await fetch(`${panel.url}/api/plans`, { headers: bearer(reader) })).status, 200);
      assert.equal((await fetch(`${panel.url}/api/orders`, { headers: bearer("osp_not-a-real-token") })).status, 401);
    });

    it("the main site builds the VPS with order_id; the order finishes when it runs with an IP and a root password", async () => {
      const { order } = await (await client.fetch("/api/orders", json({ plan_id: proId, os: "Ubuntu 24.04 LTS" }))).json();
      const userId = order.user_id;
      const created = await sync(panel.url, { action: "create", vps: { user_id: userId, name: `vps-pro-${order.id}`, cpu: 2, ram: 4096, disk: 60, os: order.os, order_id: order.id } });
      assert.equal(created.status, 201, created.text);
      const vpsId = created.json.vps.id;
      // A retried create (lost reply, no Idempotency-Key) answers with the same VPS.
      const again = await sync(panel.url, { action: "create", vps: { user_id: userId, name: `vps-pro-${order.id}`, cpu: 2, ram: 4096, disk: 60, os: order.os, order_id: order.id } });
      assert.equal(again.json.vps?.id, vpsId, again.text);
      const wrongOwner = await sync(panel.url, { action: "create", vps: { user_id: 1, name: "x", cpu: 2, ram: 4096, disk: 60, os: order.os, order_id: order.id } });
      assert.equal(wrongOwner.status, 422);

      const step = async () => (await (await client.fetch(`/api/orders/${order.id}`)).json()).order;
      assert.equal((await step()).vps.status, "creating");
      await sync(panel.url, { action: "update", vps: { id: vpsId, status: "running", ip_address: "203.0.113.90" } });
      assert.equal((await step()).status, "in_progress");
      await sync(panel.url, { action: "update", vps: { id: vpsId, root_password: "r00t-Pass!" } });
      const done = await step();
      assert.equal(done.status, "finished");
      assert.deepEqual(done.vps, { id: vpsId, name: `vps-pro-${order.id}`, status: "running", ip_address: "203.0.113.90" });
      assert.doesNotMatch(JSON.stringify(done), /r00t-Pass/);
    });

    it("the main site fails an order with its key and a reason; without the key nothing changes", async () => {
      const { order } = await (await client.fetch("/api/orders", json({ plan_id: proId }))).json();
      const noKey = await post(panel.url, `/api/orders/${order.id}/fail`, { reason: "x" }, { key: null });
      assert.equal(noKey.status, 401);
      const asClient = await client.fetch(`/api/orders/${order.id}/fail`, json({ reason: "x" }));
      assert.equal(asClient.status, 401);
      assert.equal((await post(panel.url, `/api/orders/${order.id}/fail`, {})).status, 400);
      assert.equal((await (await client.fetch(`/api/orders/${order.id}`)).json()).order.status, "in_progress");
      const failed = await post(panel.url, `/api/orders/${order.id}/fail`, { reason: "Нет свободных IP в локации" });
      assert.equal(failed.status, 200, failed.text);
      const seen = (await (await client.fetch(`/api/orders/${order.id}`)).json()).order;
      assert.deepEqual({ status: seen.status, reason: seen.error_message }, { status: "error", reason: "Нет свободных IP в локации" });
      assert.equal((await post(panel.url, "/api/orders/999999/fail", { reason: "x" })).status, 404);
    });
  });
});
