// The reference main site's panel client against a stand-in panel that fails on purpose:
// retries keep one Idempotency-Key, honour Retry-After, stop at client errors and give up
// after the configured attempts.
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { after, before, describe, it } from "node:test";
import { PanelClient, PanelError } from "../../examples/main-site/src/panel-client";

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
