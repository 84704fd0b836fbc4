// The webhook admin API over HTTP against a running panel with the default SSRF policy
// (private destinations refused), the admin-token scope, and the /ws feed.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { after, before, describe, it } from "node:test";
import { EventSource, waitFor } from "../support/events";
import { SessionClient } from "../support/http";
import { startPanel, TEST_ADMIN, type Panel } from "../support/panel";
import { createTestToken } from "../support/tokens";
import { WsClient } from "../support/ws-client";
import { hashToken } from "../../lib/tokens/token-secret";

const PUBLIC_URL = "http://93.184.216.34/hooks/ospab"; // an IP literal: no DNS needed offline

describe("webhooks admin API", () => {
  let panel: Panel;
  let admin: SessionClient;
  let client: SessionClient;
  let events: EventSource;
  const json = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const patch = (body: unknown) => ({ ...json(body), method: "PATCH" });

  before(async () => {
    panel = await startPanel();
    admin = new SessionClient(panel.url);
    assert.ok(await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password));
    client = new SessionClient(panel.url);
    assert.ok(await client.signIn("client@ospab.local", "client-demo-pass"));
    events = await EventSource.open(panel);
  });
  after(async () => {
    await events?.close();
    await panel?.stop();
  });

  it("is for admins only", async () => {
    assert.equal((await fetch(`${panel.url}/api/webhooks`)).status, 401);
    assert.equal((await client.fetch("/api/webhooks")).status, 403);
    assert.equal((await client.fetch("/api/webhooks", json({ name: "x", url: PUBLIC_URL, event_type: "*" }))).status, 403);
    assert.equal((await admin.fetch("/api/webhooks")).status, 200);
  });

  it("creates a webhook as in the seed; the secret is stored but never returned", async () => {
    const secret = "optional-secret-for-signing";
    const res = await admin.fetch("/api/webhooks", json({ name: "My Webhook", url: PUBLIC_URL, event_type: "user.created", secret, description: "Webhook для новых пользователей" }));
    assert.equal(res.status, 201);
    const text = await res.text();
    assert.ok(!text.includes(secret));
    const w = JSON.parse(text);
    assert.equal(w.name, "My Webhook");
    assert.equal(w.event_type, "user.created");
    assert.deepEqual(w.event_types, ["user.created"]);
    assert.equal(w.has_secret, true);
    assert.equal(w.is_active, true);
    assert.equal(w.description, "Webhook для новых пользователей");
    assert.equal(w.secret, undefined);
    const row = (await events.db.sql.query<{ secret_enc: string }>("SELECT secret_enc FROM webhooks WHERE id = $1", [w.id]))[0];
    assert.match(row.secret_enc, /^v1\./);
    assert.ok(!row.secret_enc.includes(secret), "stored encrypted");
    const got = await (await admin.fetch(`/api/webhooks/${w.id}`)).text();
    assert.ok(!got.includes(secret) && !got.includes(row.secret_enc));
  });

  it("accepts a list of event types or * and filters the list", async () => {
    const a = await (await admin.fetch("/api/webhooks", json({ name: "Lists", url: PUBLIC_URL, event_type: ["vps.deleted", "vps.created", "vps.created"], is_active: false }))).json();
    assert.deepEqual(a.event_types, ["vps.created", "vps.deleted"]);
    assert.deepEqual(a.event_type, ["vps.created", "vps.deleted"]);
    const b = await (await admin.fetch("/api/webhooks", json({ name: "All", url: PUBLIC_URL, event_type: "*", is_active: false }))).json();
    assert.equal(b.event_type, "*");
    assert.equal(b.has_secret, false);

    const byType = await (await admin.fetch("/api/webhooks?event_type=vps.deleted")).json();
    const names = byType.items.map((w: { name: string }) => w.name);
    assert.ok(names.includes("Lists") && names.includes("All") && !names.includes("My Webhook"), names.join());
    const inactive = await (await admin.fetch("/api/webhooks?is_active=false&limit=1&offset=0")).json();
    assert.equal(inactive.limit, 1);
    assert.equal(inactive.items.length, 1);
    assert.ok(inactive.total >= 3, "demo webhook + Lists + All");
    assert.ok(inactive.items.every((w: { is_active: boolean }) => !w.is_active));
    assert.equal((await admin.fetch("/api/webhooks?limit=0")).status, 400);
    assert.equal((await admin.fetch("/api/webhooks?event_type=nope")).status, 400);
  });

  it("refuses bad input with a clear message and changes nothing", async () => {
    const before = (await (await admin.fetch("/api/webhooks")).json()).total;
    const cases: [unknown, RegExp][] = [
      [{ url: PUBLIC_URL, event_type: "*" }, /name/],
      [{ name: "x", url: "ftp://example.com/", event_type: "*" }, /url/],
      [{ name: "x", url: PUBLIC_URL, event_type: "payment.completed" }, /event_type/],
      [{ name: "x", url: PUBLIC_URL, event_type: [] }, /event_type/],
      [{ name: "x", url: PUBLIC_URL, event_type: "*", secret: "short" }, /secret/],
      [{ name: "x", url: PUBLIC_URL, event_type: "*", events: ["*"] }, /events|Unrecognized/i],
    ];
    for (const [body, msg] of cases) {
      const res = await admin.fetch("/api/webhooks", json(body));
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match((await res.json()).message, msg);
    }
    const notJson = await admin.fetch("/api/webhooks", { method: "POST", headers: { "content-type": "text/plain" }, body: "x" });
    assert.equal(notJson.status, 415);
    assert.equal((await (await admin.fetch("/api/webhooks")).json()).total, before);
  });

  it("refuses loopback/private destinations at save unless WEBHOOK_ALLOW_PRIVATE=1", async () => {
    for (const url of ["http://127.0.0.1:5060/hook", "http://localhost:5060/hook", "http://10.0.0.8/hook", "http://169.254.169.254/latest", "http://[::1]/x"]) {
      const res = await admin.fetch("/api/webhooks", json({ name: "internal", url, event_type: "*" }));
      assert.equal(res.status, 400, url);
      assert.match((await res.json()).message, /WEBHOOK_ALLOW_PRIVATE=1/, url);
    }
    const list = await (await admin.fetch("/api/webhooks")).json();
    const w = list.items.find((x: { name: string }) => x.name === "Lists");
    const res = await admin.fetch(`/api/webhooks/${w.id}`, patch({ url: "http://192.168.0.10/x" }));
    assert.equal(res.status, 400);
  });

  it("refuses a private destination at send time too (after DNS), and the receiver gets nothing", async () => {
    // A webhook that slipped past the save check (e.g. its DNS name now points inside).
    let hits = 0;
    const receiver: Server = createServer((req, res) => {
      hits++;
      res.end("ok");
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    const port = (receiver.address() as { port: number }).port;
    try {
      const [row] = await events.db.sql.query<{ id: number }>(
        `INSERT INTO webhooks (name, url, event_types, is_active, created_at, updated_at)
         VALUES ('rebound', $1, '{vps.created}', true, now(), now()) RETURNING id`,
        [`http://localhost:${port}/hook`],
      );
      const owner = await events.userId("client@ospab.local");
      await events.createVps(owner, "ssrf-probe");
      const delivery = await waitFor("a refused attempt", async () => {
        const d = await (await admin.fetch(`/api/webhooks/${row.id}/deliveries`)).json();
        return d.items[0]?.error_message && d.items[0];
      });
      assert.match(delivery.error_message, /SSRF/);
      assert.equal(delivery.response_status, null);
      assert.equal(hits, 0);
      await admin.fetch(`/api/webhooks/${row.id}`, { method: "DELETE" });
    } finally {
      receiver.close();
    }
  });

  it("updates, reports stats and deliveries, and deletes", async () => {
    const w = await (await admin.fetch("/api/webhooks", json({ name: "Temp", url: PUBLIC_URL, event_type: "*", is_active: false }))).json();
    const upd = await admin.fetch(`/api/webhooks/${w.id}`, patch({ name: "Renamed", event_type: ["vps.created"], secret: "a-brand-new-secret-value", is_active: true }));
    assert.equal(upd.status, 200);
    const u = await upd.json();
    assert.equal(u.name, "Renamed");
    assert.equal(u.event_type, "vps.created");
    assert.equal(u.has_secret, true);
    assert.equal(u.is_active, true);
    const removed = await (await admin.fetch(`/api/webhooks/${w.id}`, patch({ secret: null }))).json();
    assert.equal(removed.has_secret, false);
    assert.equal((await admin.fetch(`/api/webhooks/${w.id}`, patch({}))).status, 400);

    const stats = await (await admin.fetch("/api/webhooks/stats")).json();
    for (const k of ["total_webhooks", "active_webhooks", "total_deliveries", "successful_deliveries", "failed_deliveries", "success_rate"])
      assert.equal(typeof stats[k], "number", k);
    assert.ok(stats.total_webhooks >= 4);

    const deliveries = await (await admin.fetch(`/api/webhooks/${w.id}/deliveries?status=failed&limit=10&offset=0`)).json();
    assert.deepEqual(Object.keys(deliveries).sort(), ["items", "limit", "offset", "total"]);
    assert.equal((await admin.fetch(`/api/webhooks/${w.id}/deliveries?status=weird`)).status, 400);

    assert.equal((await admin.fetch(`/api/webhooks/${w.id}`, { method: "DELETE" })).status, 204);
    assert.equal((await admin.fetch(`/api/webhooks/${w.id}`)).status, 404);
    assert.equal((await admin.fetch(`/api/webhooks/${w.id}`, { method: "DELETE" })).status, 404);
    assert.equal((await admin.fetch(`/api/webhooks/abc`)).status, 404);
    assert.equal((await admin.fetch(`/api/webhooks/999999/deliveries`)).status, 404);
  });

  it("serves the admin pages to admins only", async () => {
    const list = await admin.fetch("/admin/webhooks");
    assert.equal(list.status, 200);
    const html = await list.text();
    assert.match(html, /My Webhook/);
    assert.ok(!html.includes("optional-secret-for-signing"));
    const w = (await (await admin.fetch("/api/webhooks?limit=200")).json()).items.find((x: { name: string }) => x.name === "My Webhook");
    for (const page of [`/admin/webhooks/${w.id}`, `/admin/webhooks/${w.id}/edit`, "/admin/webhooks/new"]) {
      const res = await admin.fetch(page);
      assert.equal(res.status, 200, page);
      assert.ok(!(await res.text()).includes("optional-secret-for-signing"), page);
    }
    assert.equal((await admin.fetch("/admin/webhooks/999999")).status, 404);
    const denied = await client.fetch("/admin/webhooks");
    assert.equal(denied.status, 307);
    assert.match(denied.headers.get("location") ?? "", /\/dashboard$/);
  });

  it("accepts an admin's API token with the webhooks scope, and nothing less", async () => {
    const adminId = await events.userId(TEST_ADMIN.email);
    const clientId = await events.userId("client@ospab.local");
    const good = await createTestToken(events.db, adminId, ["webhooks:admin"]);
    const noScope = await createTestToken(events.db, adminId, ["vps:read"]);
    const clientTok = await createTestToken(events.db, clientId, ["webhooks:admin"]);
    const revoked = await createTestToken(events.db, adminId, ["webhooks:admin"], { revoked: true });
    const expired = await createTestToken(events.db, adminId, ["webhooks:admin"], { expired: true });
    const get = (tok: string) => fetch(`${panel.url}/api/webhooks`, { headers: { authorization: `Bearer ${tok}` } });
    assert.equal((await get(good)).status, 200);
    const created = await fetch(`${panel.url}/api/webhooks`, {
      method: "POST",
      headers: { authorization: `Bearer ${good}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "By token", url: PUBLIC_URL, event_type: "*", is_active: false }),
    });
    assert.equal(created.status, 201);
    assert.equal((await get(noScope)).status, 403);
    assert.equal((await get(clientTok)).status, 403);
    assert.equal((await get(revoked)).status, 401);
    assert.equal((await get(expired)).status, 401);
    assert.equal((await get("osp_nonsense")).status, 401);
  });
});

describe("/ws event feed", () => {
  let panel: Panel;
  let events: EventSource;
  let clientToken: string;
  let adminToken: string;
  let demoId: number;
  let janeId: number;
  const wsUrl = (q: string) => `${panel.url.replace("http", "ws")}/ws${q}`;

  before(async () => {
    panel = await startPanel({ env: { WS_RECHECK_SECONDS: "1" } });
    events = await EventSource.open(panel);
    demoId = await events.userId("client@ospab.local");
    janeId = await events.userId("client2@ospab.local");
    clientToken = await createTestToken(events.db, demoId, ["events:read"]);
    adminToken = await createTestToken(events.db, await events.userId(TEST_ADMIN.email), ["events:read"]);
    // The demo data's own events must be out before the feed is watched.
    await events.settled();
  });
  after(async () => {
    await events?.close();
    await panel?.stop();
  });

  it("refuses a missing, wrong or revoked token with HTTP 401", async () => {
    const revoked = await createTestToken(events.db, demoId, ["events:read"], { revoked: true });
    for (const q of ["", "?token=osp_wrong", `?api_key=${revoked}`]) {
      await assert.rejects(WsClient.connect(wsUrl(q)), (e: { status?: number }) => e.status === 401, q);
    }
  });

  it("refuses a valid token without the events:read scope with HTTP 403 and says why (admins' too)", async () => {
    const admin = await events.userId(TEST_ADMIN.email);
    const cases: [number, string[], string][] = [
      [demoId, [], "token"],
      [demoId, ["vps:read", "vps:write", "orders:write"], "api_key"],
      [admin, ["vps:read", "webhooks:admin"], "token"],
    ];
    for (const [userId, scopes, param] of cases) {
      const token = await createTestToken(events.db, userId, scopes);
      await assert.rejects(
        WsClient.connect(wsUrl(`?${param}=${token}`)),
        (e: { status?: number; body?: string }) => e.status === 403 && /lacks the events:read scope/.test(e.body ?? ""),
        `${scopes.join(",")} via ${param}`,
      );
      // The same token as a header is refused alike.
      await assert.rejects(WsClient.connect(wsUrl(""), { authorization: `Bearer ${token}` }), (e: { status?: number }) => e.status === 403);
    }
  });

  it("closes an open connection once its token expires or loses events:read", async () => {
    for (const change of [{ expiresAt: new Date(Date.now() - 1000) }, { scopes: ["vps:read"] }]) {
      const token = await createTestToken(events.db, demoId, ["events:read", "vps:read"]);
      const ws = await WsClient.connect(wsUrl(`?token=${token}`));
      const closed = new Promise<number>((resolve) => ws.ws.once("close", (code) => resolve(code)));
      await events.db.prisma.apiToken.updateMany({ where: { tokenHash: hashToken(token) }, data: change });
      const timeout = new Promise<string>((r) => setTimeout(() => r("still open after 10 s"), 10_000).unref());
      assert.equal(await Promise.race([closed, timeout]), 4401, JSON.stringify(change));
    }
  });

  it("closes an open connection once its token is revoked", async () => {
    const token = await createTestToken(events.db, demoId, ["events:read"]);
    const ws = await WsClient.connect(wsUrl(`?token=${token}`));
    const closed = new Promise<number>((resolve) => ws.ws.once("close", (code) => resolve(code)));
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(ws.ws.readyState, ws.ws.OPEN, "a valid token keeps its connection across re-checks");
    await events.db.prisma.apiToken.updateMany({ where: { tokenHash: hashToken(token) }, data: { revokedAt: new Date() } });
    const timeout = new Promise<string>((r) => setTimeout(() => r("still open after 10 s"), 10_000).unref());
    assert.equal(await Promise.race([closed, timeout]), 4401);
  });

  it("greets as the seed shows and answers ping with pong", async () => {
    const ws = await WsClient.connect(wsUrl(`?token=${clientToken}`));
    await ws.waitFor((m) => m.length >= 1);
    assert.deepEqual(ws.messages[0], { type: "connection", status: "connected", message: "WebSocket connection established" });
    ws.send({ type: "ping" });
    await ws.waitFor((m) => m.some((x) => x.type === "pong"));
    assert.deepEqual(ws.messages.find((x) => x.type === "pong"), { type: "pong" });
    ws.close();
  });

  it("sends {type,payload,timestamp} only for what the token's owner may see; admins see all", async () => {
    const mine = await WsClient.connect(wsUrl(`?token=${clientToken}`));
    const all = await WsClient.connect(wsUrl(`?api_key=${adminToken}`));
    const session = new SessionClient(panel.url);
    assert.ok(await session.signIn("jane", "client2-demo-pass"));
    const janeWs = await WsClient.connect(wsUrl(""), { cookie: session.cookieList.map((c) => `${c.name}=${c.value}`).join("; ") });

    const v1 = await events.createVps(demoId, "ws-demo-1");
    const v2 = await events.createVps(janeId, "ws-jane-1");
    await events.setStatus(v1.id, "running");

    await all.waitFor(() => all.events().length >= 3);
    await mine.waitFor(() => mine.events().length >= 2);
    await janeWs.waitFor(() => janeWs.events().length >= 1);
    await new Promise((r) => setTimeout(r, 500)); // nothing else may arrive

    const names = (c: WsClient) => c.events().map((e) => `${e.type}:${(e.payload as { vps: { name: string } }).vps.name}`);
    assert.deepEqual(names(mine), ["vps.created:ws-demo-1", "vps.status_changed:ws-demo-1"]);
    assert.deepEqual(names(janeWs), ["vps.created:ws-jane-1"]);
    assert.deepEqual(names(all).sort(), ["vps.created:ws-demo-1", "vps.created:ws-jane-1", "vps.status_changed:ws-demo-1"]);
    const e = mine.events()[1];
    assert.deepEqual(Object.keys(e).sort(), ["payload", "timestamp", "type"]);
    assert.ok(!Number.isNaN(Date.parse(e.timestamp!)));
    assert.equal((e.payload as { previous_status: string }).previous_status, "creating");
    assert.equal(v2.user_id, janeId);
    for (const c of [mine, all, janeWs]) c.close();
  });
});
