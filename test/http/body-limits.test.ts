// Body limits as an attacker meets them: a chunked body far over the limit, generated on the
// fly and sent anonymously, is answered 413 while it is still streaming, the connection is
// closed instead of drained, and the panel's memory stays flat (PRODUCT.md §12).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startPanel, TEST_SYNC_KEY, type Panel } from "../support/panel";
import { chunkedUpload, rssOf } from "../support/upload";
import { MAX_REQUEST_BODY } from "../../lib/http/body-limit";

const MB = 1024 * 1024;
const HUGE = 300 * MB;

describe("streaming body limits", () => {
  let panel: Panel;
  let idle: number;
  before(async () => {
    panel = await startPanel();
    // Warm up the routes used below, so that loading their code is not counted as growth.
    await fetch(`${panel.url}/api/me/locale`, { method: "PUT", headers: { "content-type": "application/json" }, body: '{"locale":"en"}' });
    await fetch(`${panel.url}/api/auth/csrf`);
    await fetch(`${panel.url}/login`);
    idle = rssOf(panel.pid());
  });
  after(async () => {
    await panel?.stop();
  });

  const cut = async (name: string, opts: Parameters<typeof chunkedUpload>[1], status: number) => {
    const r = await chunkedUpload(panel.url, { ...opts, pid: panel.pid() });
    assert.equal(r.status, status, `${name}: ${r.body}`);
    assert.ok(r.sentAtReply !== null && r.sentAtReply < opts.total, `${name}: the reply came only after the whole body was sent`);
    assert.equal(r.finishedSending, false, `${name}: the server took all ${opts.total} bytes`);
    assert.equal(r.closedEarly, true, `${name}: the connection was not closed`);
    const growth = (r.maxRss! - idle) / MB;
    assert.ok(growth < 50, `${name}: RSS grew by ${growth.toFixed(0)} MB (idle ${(idle / MB).toFixed(0)} MB)`);
    return r;
  };

  it("PUT /api/me/locale: 300 MB chunked, anonymous → 413 mid-upload, memory flat", async () => {
    const r = await cut("locale", { method: "PUT", path: "/api/me/locale", prefix: '{"locale":"', total: HUGE }, 413);
    assert.match(JSON.parse(r.body).message, /too large/i);
  });

  it("a declared Content-Length over the limit is refused before any of the body is read", async () => {
    const res = await fetch(`${panel.url}/api/me/locale`, {
      method: "PUT",
      headers: { "content-type": "application/json", "content-length": String(65 * 1024) },
      body: "x".repeat(65 * 1024),
    });
    assert.equal(res.status, 413);
    assert.equal(res.headers.get("connection"), "close");
  });

  it("next-auth's credentials callback: 300 MB chunked → 413 mid-upload", async () => {
    await cut(
      "next-auth",
      { path: "/api/auth/callback/credentials", headers: { "content-type": "application/x-www-form-urlencoded" }, prefix: "login=", total: HUGE },
      413,
    );
  });

  it("the machine fast path (POST /api/vps/sync): 300 MB chunked → 413 mid-upload", async () => {
    await cut("vps/sync", { path: "/api/vps/sync", headers: { "x-api-key": TEST_SYNC_KEY }, prefix: '{"action":"', total: HUGE }, 413);
  });

  it("a chunked page POST (no route limit of its own) is refused by the global guard mid-upload", async () => {
    // Pages and server actions get their bodies with a Content-Length; a stream is refused.
    await cut("page POST", { path: "/login", headers: { "content-type": "text/plain" }, total: HUGE }, 411);
  });

  it("a declared Content-Length over the global cap is refused for pages too", async () => {
    const res = await fetch(`${panel.url}/login`, { method: "POST", headers: { "content-type": "text/plain" }, body: "x".repeat(MAX_REQUEST_BODY + 1) });
    assert.equal(res.status, 413);
  });

  it("an authenticated route sent a huge body anonymously: refused, connection closed, memory flat", async () => {
    const r = await chunkedUpload(panel.url, { path: "/api/tokens", prefix: '{"name":"', total: HUGE, pid: panel.pid() });
    assert.ok(r.status === 401 || r.status === 413, `status ${r.status}`);
    assert.equal(r.finishedSending, false, "the server drained the whole body");
    assert.ok((r.maxRss! - idle) / MB < 50);
  });

  it("bodies within the limit still work, chunked or not", async () => {
    const r = await chunkedUpload(panel.url, { method: "PUT", path: "/api/me/locale", prefix: '{"locale":"en"}', total: 15 });
    assert.equal(r.status, 200, r.body);
    assert.deepEqual(JSON.parse(r.body), { locale: "en" });
    const plain = await fetch(`${panel.url}/api/me/locale`, { method: "PUT", headers: { "content-type": "application/json" }, body: '{"locale":"ru"}' });
    assert.equal(plain.status, 200);
    // The machine path (server.ts, straight from node:http) reads a chunked body itself.
    const sync = '{"action":"update","vps":{"id":2147483000,"status":"running"}}';
    const m = await chunkedUpload(panel.url, { path: "/api/vps/sync", headers: { "x-api-key": TEST_SYNC_KEY }, prefix: sync, total: sync.length });
    assert.equal(m.status, 404, m.body);
    assert.equal(JSON.parse(m.body).message, "VPS 2147483000 not found");
  });
});
