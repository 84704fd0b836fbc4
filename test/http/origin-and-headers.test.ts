// Security headers on every response and the same-origin rule, as a browser on another
// site (or a script with a token) meets them: cookie writes, next-auth's POSTs, socket.io
// and /ws upgrades from a foreign Origin are refused 403; the panel's own pages and
// token-authenticated callers are not affected.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import WebSocket from "ws";
import { SessionClient } from "../support/http";
import { startPanel, TEST_ADMIN, type Panel } from "../support/panel";

const EVIL = "https://evil.example";

/** Opens a raw WebSocket: resolves with the HTTP status of a refusal, or 101 when it opened. */
function upgrade(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once("open", () => {
      ws.close();
      resolve({ status: 101, body: "" });
    });
    ws.once("unexpected-response", (_req, res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.once("error", reject);
  });
}

describe("security headers and the same-origin rule", () => {
  let panel: Panel;
  let admin: SessionClient;
  let client: SessionClient;
  let token = "";
  const json = (method: string, body: unknown, headers: Record<string, string> = {}) => ({
    method,
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const hook = (name: string) => ({ name, url: "http://127.0.0.1:9/hook", event_type: "*" });
  const cookieHeader = (c: SessionClient) => c.cookieList.map((k) => `${k.name}=${k.value}`).join("; ");

  before(async () => {
    panel = await startPanel({ env: { WEBHOOK_ALLOW_PRIVATE: "1" } });
    admin = new SessionClient(panel.url);
    client = new SessionClient(panel.url);
    assert.ok(await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password));
    assert.ok(await client.signIn("jane", "client2-demo-pass"));
    const res = await admin.fetch("/api/tokens", json("POST", { name: "origin test", scopes: ["webhooks:admin", "vps:read", "events:read"] }, { origin: panel.url }));
    assert.equal(res.status, 201);
    token = ((await res.json()) as { token: { token: string } }).token.token;
  });
  after(async () => {
    await panel?.stop();
  });

  describe("headers", () => {
    it("a page carries a nonce CSP whose nonce is on Next's scripts, and the anti-framing headers", async () => {
      const res = await fetch(`${panel.url}/login`);
      assert.equal(res.status, 200);
      const csp = res.headers.get("content-security-policy") ?? "";
      const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
      assert.ok(nonce, csp);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.match(csp, /script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
      assert.match(csp, new RegExp(`connect-src 'self' ws://127\\.0\\.0\\.1:${panel.port} wss://127\\.0\\.0\\.1:${panel.port}`));
      const html = await res.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      assert.ok(scripts.length > 0);
      for (const s of scripts) assert.ok(s.includes(`nonce="${nonce}"`), `script without the nonce: ${s}`);
      assert.equal(res.headers.get("x-frame-options"), "DENY");
      assert.equal(res.headers.get("x-content-type-options"), "nosniff");
      assert.equal(res.headers.get("referrer-policy"), "strict-origin-when-cross-origin");
      assert.equal(res.headers.get("strict-transport-security"), null, "no HSTS on plain http");
      const again = (await fetch(`${panel.url}/login`)).headers.get("content-security-policy");
      assert.notEqual(again, csp, "a fresh nonce per response");
    });

    it("redirects, API answers and static files carry nosniff and DENY too", async () => {
      for (const path of ["/dashboard", "/api/health", "/api/plans", "/favicon.ico"]) {
        const res = await fetch(`${panel.url}${path}`, { redirect: "manual" });
        await res.body?.cancel();
        assert.equal(res.headers.get("x-content-type-options"), "nosniff", path);
        assert.equal(res.headers.get("x-frame-options"), "DENY", path);
      }
      const sync = await fetch(`${panel.url}/api/vps/sync`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      await sync.body?.cancel();
      assert.equal(sync.headers.get("x-content-type-options"), "nosniff", "machine API");
    });

    it("a malformed router-state header is a 400, not a server error", async () => {
      const res = await fetch(`${panel.url}/login`, { headers: { rsc: "1", "next-router-state-tree": "not json" } });
      assert.equal(res.status, 400);
      assert.match(await res.text(), /Malformed Next-Router-State-Tree/);
    });

    it("HSTS and upgrade-insecure-requests when NEXTAUTH_URL is https", async () => {
      const https = await startPanel({ demoData: false, env: { NEXTAUTH_URL: "https://panel.example.test" } });
      try {
        const res = await fetch(`${https.url}/login`);
        await res.body?.cancel();
        assert.match(res.headers.get("strict-transport-security") ?? "", /^max-age=\d+/);
        assert.match(res.headers.get("content-security-policy") ?? "", /upgrade-insecure-requests/);
      } finally {
        await https.stop();
      }
    });
  });

  describe("cookie-authenticated writes", () => {
    it("a foreign Origin (or Referer, or Origin: null) is refused 403 and changes nothing", async () => {
      for (const headers of [{ origin: EVIL }, { referer: `${EVIL}/page` }, { origin: "null" }] as Record<string, string>[]) {
        const res = await admin.fetch("/api/webhooks", json("POST", hook(`foreign ${JSON.stringify(headers)}`), headers));
        assert.equal(res.status, 403, JSON.stringify(headers));
        const body = (await res.json()) as { message: string };
        assert.match(body.message, /Cross-origin request refused/);
      }
      const list = (await (await admin.fetch("/api/webhooks")).json()) as { items: { name: string }[] };
      assert.equal(list.items.filter((w) => w.name.startsWith("foreign")).length, 0);

      const locale = await client.fetch("/api/me/locale", json("PUT", { locale: "ru" }, { origin: EVIL }));
      assert.equal(locale.status, 403);
      const del = await admin.fetch("/api/webhooks/1", { method: "DELETE", headers: { origin: EVIL } });
      assert.equal(del.status, 403);
    });

    it("the panel's own origin works, and so does a request with neither Origin nor Referer (not a browser)", async () => {
      assert.equal((await admin.fetch("/api/webhooks", json("POST", hook("same origin"), { origin: panel.url }))).status, 201);
      assert.equal((await admin.fetch("/api/webhooks", json("POST", hook("same referer"), { referer: `${panel.url}/admin/webhooks/new` }))).status, 201);
      assert.equal((await admin.fetch("/api/webhooks", json("POST", hook("no origin")))).status, 201);
      assert.equal((await client.fetch("/api/me/locale", json("PUT", { locale: "en" }, { origin: panel.url }))).status, 200);
    });

    it("a token-authenticated write is not affected, with or without a foreign Origin (no cookies involved)", async () => {
      for (const headers of [{}, { origin: EVIL }] as Record<string, string>[]) {
        const res = await fetch(`${panel.url}/api/webhooks`, json("POST", hook(`token ${JSON.stringify(headers)}`), { authorization: `Bearer ${token}`, ...headers }));
        assert.equal(res.status, 201, JSON.stringify(headers));
      }
    });

    it("next-auth's sign-in POST from another site is refused before any password check", async () => {
      const c = new SessionClient(panel.url);
      const csrf = (await (await c.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
      const res = await c.fetch("/api/auth/callback/credentials", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: EVIL },
        body: new URLSearchParams({ csrfToken: csrf.csrfToken, login: TEST_ADMIN.email, password: TEST_ADMIN.password, json: "true" }),
      });
      assert.equal(res.status, 403);
      assert.ok(!c.cookieList.some((k) => k.name.endsWith("next-auth.session-token")), "no session was issued");
      const signOut = await admin.fetch("/api/auth/signout", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin: EVIL }, body: "" });
      assert.equal(signOut.status, 403);
    });
  });

  describe("WebSocket upgrades", () => {
    const wsUrl = () => panel.url.replace(/^http/, "ws");

    it("socket.io: a foreign Origin is refused 403 (upgrade and polling); the panel's origin connects", async () => {
      const path = "/socket.io/?EIO=4&transport=websocket";
      const cookie = cookieHeader(client);
      const refused = await upgrade(`${wsUrl()}${path}`, { cookie, origin: EVIL });
      assert.equal(refused.status, 403);
      const polling = await fetch(`${panel.url}/socket.io/?EIO=4&transport=polling`, { headers: { cookie, origin: EVIL } });
      assert.equal(polling.status, 403);
      await polling.body?.cancel();
      assert.equal((await upgrade(`${wsUrl()}${path}`, { cookie, origin: panel.url })).status, 101);
      const own = await fetch(`${panel.url}/socket.io/?EIO=4&transport=polling`, { headers: { cookie } });
      assert.equal(own.status, 200, "same-origin polling sends no Origin on a GET");
      await own.body?.cancel();
    });

    it("/ws: a foreign Origin is refused 403 with a cookie or a token; same origin and no Origin connect", async () => {
      const refusedCookie = await upgrade(`${wsUrl()}/ws`, { cookie: cookieHeader(client), origin: EVIL });
      assert.equal(refusedCookie.status, 403);
      assert.match(refusedCookie.body, /Cross-origin request refused/);
      assert.equal((await upgrade(`${wsUrl()}/ws?token=${token}`, { origin: EVIL })).status, 403);
      assert.equal((await upgrade(`${wsUrl()}/ws`, { cookie: cookieHeader(client), origin: panel.url })).status, 101);
      assert.equal((await upgrade(`${wsUrl()}/ws?token=${token}`, {})).status, 101, "a script with a token sends no Origin");
    });
  });
});
