// The reference main site against a stand-in panel. Its panel client, with a panel that
// fails on purpose: retries keep one Idempotency-Key, honour Retry-After, stop at client
// errors and give up after the configured attempts. Its webhook receiver, run as its own
// process: only Standard Webhooks-signed deliveries within 5 minutes are acted on, once.
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { after, before, describe, it } from "node:test";
import { PanelClient, PanelError } from "../../examples/main-site/src/panel-client";
import { deliveryHeaders } from "../../lib/webhooks/signature";
import { eventually, startMainSite, type MainSite } from "../support/main-site";

interface Seen {
  key: string | undefined;
  apiKey: string | undefined;
  body: string;
}

describe("main site: panel client retries", () => {
  let server: Server;
  let url: string;
  let script: ((n: number) => [number, Record<string, string>, unknown])[] = [];
  let seen: Seen[] = [];

  const read = (req: IncomingMessage) => new Promise<string>((r) => {
    let s = "";
    req.on("data", (c) => (s += c));
    req.on("end", () => r(s));
  });

  before(async () => {
    server = createServer(async (req, res) => {
      seen.push({ key: req.headers["idempotency-key"] as string, apiKey: req.headers["x-api-key"] as string, body: await read(req) });
      const step = script[Math.min(seen.length - 1, script.length - 1)];
      if (!step) return req.socket.destroy();
      const [status, headers, body] = step(seen.length);
      if (status === 0) return req.socket.destroy(); // connection dropped, no answer
      res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  const client = (retries = 4) => new PanelClient({ baseUrl: url, apiKey: "k".repeat(40), retries, backoff: { baseMs: 10, maxMs: 50 }, timeoutMs: 2000 });
  const vps = { user_id: 1, name: "a", cpu: 1, ram: 1024, disk: 10, os: "Debian 12" };

  it("retries dropped connections and 503s with the same Idempotency-Key until it succeeds", async () => {
    seen = [];
    script = [() => [0, {}, null], () => [503, {}, { message: "busy" }], () => [201, {}, { vps: { id: 9, status: "creating" } }]];
    const v = await client().createVps(vps, "order-5-create");
    assert.equal(v.id, 9);
    assert.equal(seen.length, 3);
    assert.deepEqual(new Set(seen.map((s) => s.key)), new Set(["order-5-create"]));
    assert.ok(seen.every((s) => s.apiKey === "k".repeat(40)));
    assert.deepEqual(JSON.parse(seen[0].body), { action: "create", vps });
  });

  it("waits as long as Retry-After asks", async () => {
    seen = [];
    script = [() => [429, { "retry-after": "1" }, { message: "slow down" }], () => [200, {}, { vps: { id: 9 } }]];
    const t = Date.now();
    await client().updateVps({ id: 9, status: "running" }, "vps-9-ready");
    assert.ok(Date.now() - t >= 950, `waited ${Date.now() - t} ms`);
  });

  it("does not retry a client error and surfaces the panel's message", async () => {
    seen = [];
    script = [() => [422, {}, { status: "error", message: "Unknown user_id 77" }]];
    await assert.rejects(client().createVps(vps, "k1"), (e: unknown) => e instanceof PanelError && e.status === 422 && e.message === "Unknown user_id 77");
    assert.equal(seen.length, 1);
  });

  it("gives up after the configured retries", async () => {
    seen = [];
    script = [() => [500, {}, { message: "boom" }]];
    await assert.rejects(client(2).failOrder(3, "x", "order-3-fail"), /panel unavailable after 3 attempts \(HTTP 500: boom\)/);
    assert.equal(seen.length, 3);
  });
});

describe("main site: webhook receiver over HTTP", () => {
  const secret = "main-site-webhook-secret";
  let panel: Server;
  let site: MainSite;
  const calls: { key: string; body: string }[] = [];
  const read = (req: IncomingMessage) => new Promise<string>((r) => {
    let s = "";
    req.on("data", (c) => (s += c));
    req.on("end", () => r(s));
  });

  before(async () => {
    // A stand-in panel that records what the main site's hypervisor asks of it.
    panel = createServer(async (req, res) => {
      const body = await read(req);
      // The main site reads every VPS at start (GET /api/vps/sync): none here.
      if (req.method === "GET") return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ vps: [], next_cursor: null }));
      calls.push({ key: String(req.headers["idempotency-key"]), body });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ vps: { id: JSON.parse(body).vps?.id ?? 1 } }));
    });
    await new Promise<void>((r) => panel.listen(0, "127.0.0.1", r));
    const panelUrl = `http://127.0.0.1:${(panel.address() as { port: number }).port}`;
    site = await startMainSite({ panelUrl, syncKey: "k".repeat(40), webhookSecret: secret, actionDelayMs: 0 });
  });
  after(async () => {
    await site?.stop();
    await new Promise<void>((r) => panel.close(() => r()));
  });

  const delivery = (requestId: number, over: { id?: string; timestamp?: number; secret?: string | null } = {}) => {
    const body = JSON.stringify({ action: "start", request_id: requestId, vps: { id: requestId, name: `v${requestId}`, status: "stopped", order_id: null } });
    const headers = deliveryHeaders({
      body,
      eventType: "vps.action_requested",
      webhookId: 1,
      deliveryId: over.id ?? `delivery-${requestId}`,
      timestamp: over.timestamp ?? Math.floor(Date.now() / 1000),
      secret: over.secret === undefined ? secret : over.secret,
    });
    return fetch(site.webhookUrl, { method: "POST", headers, body });
  };
  const handled = (requestId: number) => calls.filter((c) => c.key === `action-${requestId}`).length;

  it("acts on a delivery the panel signed", async () => {
    const r = await delivery(101);
    assert.equal(r.status, 200);
    await eventually(async () => handled(101) === 1, 15_000, "the start to reach the panel");
  });

  it("refuses unsigned, badly signed and out-of-window deliveries with 401 and does nothing", async () => {
    const now = Math.floor(Date.now() / 1000);
    const refused = [
      await delivery(201, { secret: null }), // unsigned: no signature headers at all
      await delivery(202, { secret: "not-the-secret" }),
      await delivery(203, { timestamp: now - 6 * 60 }), // correctly signed, but 6 minutes old
      await delivery(204, { timestamp: now + 6 * 60 }),
    ];
    // Only the seed's header, with a valid HMAC of the body: replayable, so refused.
    const body = JSON.stringify({ action: "start", request_id: 205, vps: { id: 205, name: "v205", status: "stopped", order_id: null } });
    const seedOnly = deliveryHeaders({ body, eventType: "vps.action_requested", webhookId: 1, deliveryId: "delivery-205", timestamp: now, secret });
    delete (seedOnly as Record<string, string | undefined>)["webhook-signature"];
    refused.push(await fetch(site.webhookUrl, { method: "POST", headers: seedOnly, body }));
    assert.deepEqual(refused.map((r) => r.status), [401, 401, 401, 401, 401]);
    // A later genuine delivery is handled: by then nothing refused was.
    assert.equal((await delivery(206)).status, 200);
    await eventually(async () => handled(206) === 1, 15_000, "the genuine delivery");
    assert.deepEqual([201, 202, 203, 204, 205].map(handled), [0, 0, 0, 0, 0]);
  });

  it("a replayed webhook-id is acknowledged 200 but handled once", async () => {
    assert.equal((await delivery(301)).status, 200);
    await eventually(async () => handled(301) === 1, 15_000, "the first delivery");
    // The same signed delivery again, with the unsigned x-webhook-delivery header changed.
    const body = JSON.stringify({ action: "start", request_id: 301, vps: { id: 301, name: "v301", status: "stopped", order_id: null } });
    const headers = deliveryHeaders({ body, eventType: "vps.action_requested", webhookId: 1, deliveryId: "delivery-301", timestamp: Math.floor(Date.now() / 1000), secret });
    const again = await fetch(site.webhookUrl, { method: "POST", headers: { ...headers, "x-webhook-delivery": "something-new" }, body });
    assert.equal(again.status, 200);
    assert.deepEqual(await again.json(), { status: "duplicate" });
    assert.equal((await delivery(302)).status, 200);
    await eventually(async () => handled(302) === 1, 15_000, "the next delivery");
    assert.equal(handled(301), 1);
  });

  it("will not start without WEBHOOK_SECRET (it would have to trust unsigned requests)", async () => {
    const started = await startMainSite({ panelUrl: "http://127.0.0.1:9", syncKey: "k".repeat(40) }).catch((err: Error) => err);
    if (!(started instanceof Error)) await started.stop();
    assert.ok(started instanceof Error, "the main site started without a secret");
    assert.match(started.message, /WEBHOOK_SECRET is required/);
  });
});
