// The browser console (PRODUCT.md §10) against a started panel and real VNC servers
// (Debian's Xvfb + x11vnc, and websockify in front of one for the WebSocket kind): the
// console action completed by the main site with result.vnc, tickets (single use, 60 s,
// bound to the asking session; another client, anonymous, foreign Origin refused), the
// proxy over TCP and WebSocket with and without a VNC password (the screen arrives byte
// for byte as a direct connection sees it, keys arrive), and sessions closed on
// suspension, deletion and sign-out.
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { SessionClient } from "../support/http";
import { issueToken } from "../support/issue-token";
import { startPanel, TEST_ADMIN, type Panel } from "../support/panel";
import { RfbClient, type Closed } from "../support/rfb-client";
import { post, query, vpsSpec } from "../support/sync";
import { desktopsAvailable, startDesktop, startWebsockify, websockifyAvailable, type Desktop } from "../support/vnc";

const VNC_PASSWORD = "vnc-pw-1";
const skip = !desktopsAvailable() || !websockifyAvailable() ? "needs xvfb, x11vnc and websockify (apt-get install xvfb x11vnc websockify)" : false;
const unique = (what: string) => `${what}-${randomBytes(4).toString("hex")}`;
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

describe("browser console over HTTP", { skip }, () => {
  let panel: Panel;
  let admin: SessionClient;
  let secured: Desktop; // x11vnc with a VNC password
  let open: Desktop; // x11vnc without one
  let bridge: { url: string; stop: () => void }; // websockify → secured

  async function newClient() {
    const email = `${unique("client")}@example.com`;
    const password = `pw-${randomBytes(8).toString("hex")}`;
    const r = await post(panel.url, "/api/users/sync", { email, password });
    assert.ok(r.status === 200 || r.status === 201, r.text);
    const session = new SessionClient(panel.url);
    assert.ok(await session.signIn(email, password));
    return { id: r.json.user.id as number, session, email, password };
  }
  async function newVps(userId: number) {
    const r = await post(panel.url, "/api/vps/sync", { action: "create", vps: vpsSpec({ user_id: userId, name: unique("vps"), status: "running" }) });
    assert.equal(r.status, 201, r.text);
    return r.json.vps as { id: number; name: string };
  }
  const postJson = (s: SessionClient, path: string, body: unknown = {}) =>
    s.fetch(path, { method: "POST", headers: { "content-type": "application/json", origin: panel.url }, body: JSON.stringify(body) });
  /** The client asks for a console, the main site completes it with `vnc`. */
  async function readyConsole(s: SessionClient, vpsId: number, vnc: Record<string, unknown>) {
    const asked = await postJson(s, `/api/vps/${vpsId}/actions`, { action: "console" });
    assert.equal(asked.status, 202, await asked.clone().text());
    const requestId = ((await asked.json()) as { request: { id: number } }).request.id;
    const done = await post(panel.url, `/api/vps/actions/${requestId}`, { status: "completed", result: { vnc } });
    assert.equal(done.status, 200, done.text);
    return requestId;
  }
  async function ticket(s: SessionClient, vpsId: number) {
    const r = await postJson(s, `/api/vps/${vpsId}/console/ticket`);
    const text = await r.text();
    return { status: r.status, text, json: JSON.parse(text) as { ticket: string; websocket: string; expires_at: string; message?: string } };
  }
  const cookieOf = (s: SessionClient) => s.cookieList.map((c) => `${c.name}=${c.value}`).join("; ");
  const wsUrl = (path: string) => panel.url.replace(/^http/, "ws") + path;
  function connectAs(s: SessionClient | null, path: string, origin = panel.url) {
    return RfbClient.openWs(wsUrl(path), { origin, ...(s ? { cookie: cookieOf(s) } : {}) });
  }
  const within = <T>(p: Promise<T>, ms: number, what: string) =>
    Promise.race([p, new Promise<never>((_, j) => setTimeout(() => j(new Error(`${what} did not happen within ${ms} ms`)), ms))]);
  async function refusedWith(s: SessionClient | null, path: string): Promise<Closed> {
    const { closed } = await connectAs(s, path);
    return within(closed, 10_000, "close");
  }

  before(async () => {
    [panel, secured, open] = await Promise.all([
      startPanel({ demoData: false, env: { WS_RECHECK_SECONDS: "1", LOG_LEVEL: "info" } }),
      startDesktop({ label: "secured desktop", password: VNC_PASSWORD, debugKeyboard: true }),
      startDesktop({ label: "open desktop", debugKeyboard: true }),
    ]);
    bridge = await startWebsockify(secured.port);
    admin = new SessionClient(panel.url);
    assert.ok(await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password));
  });
  after(async () => {
    bridge?.stop();
    secured?.stop();
    open?.stop();
    await panel?.stop();
  });

  const tcpVnc = () => ({ host: secured.host, port: secured.port, password: VNC_PASSWORD });

  describe("the console action and tickets", () => {
    it("409 until the main site completed a console request; anonymous 401, another client 404", async () => {
      const alice = await newClient();
      const bob = await newClient();
      const vps = await newVps(alice.id);
      const early = await ticket(alice.session, vps.id);
      assert.equal(early.status, 409, early.text);
      assert.match(early.json.message ?? "", /No console is ready/);
      assert.equal((await ticket(new SessionClient(panel.url), vps.id)).status, 401);
      assert.equal((await ticket(bob.session, vps.id)).status, 404);
      await readyConsole(alice.session, vps.id, tcpVnc());
      assert.equal((await ticket(bob.session, vps.id)).status, 404);
      assert.equal((await ticket(new SessionClient(panel.url), vps.id)).status, 401);
      const t = await ticket(alice.session, vps.id);
      assert.equal(t.status, 200, t.text);
      assert.equal(t.json.websocket, `/console/ws?ticket=${t.json.ticket}`);
      const ttl = new Date(t.json.expires_at).getTime() - Date.now();
      assert.ok(ttl > 50_000 && ttl <= 60_000, `ticket lives 60 s (${ttl} ms left)`);
      // An admin may open any client's console.
      assert.equal((await ticket(admin, vps.id)).status, 200);
      // A foreign page cannot mint one with the client's cookie.
      const cross = await alice.session.fetch(`/api/vps/${vps.id}/console/ticket`, { method: "POST", headers: { origin: "https://evil.example" } });
      assert.equal(cross.status, 403);
      // API tokens: vps:write may ask for a ticket, a token without that scope may not.
      const byToken = async (scopes: string[]) => {
        const token = await issueToken(panel.url, alice.email, alice.password, scopes, scopes.join(","));
        return (await fetch(`${panel.url}/api/vps/${vps.id}/console/ticket`, { method: "POST", headers: { authorization: `Bearer ${token}` } })).status;
      };
      assert.equal(await byToken(["vps:read"]), 403);
      assert.equal(await byToken(["vps:write"]), 200);
    });

    it("a completed console request needs result.vnc; the upstream never appears in what the browser gets", async () => {
      const alice = await newClient();
      const vps = await newVps(alice.id);
      const asked = await postJson(alice.session, `/api/vps/${vps.id}/actions`, { action: "console" });
      const requestId = ((await asked.json()) as { request: { id: number } }).request.id;
      const bad = await post(panel.url, `/api/vps/actions/${requestId}`, { status: "completed", result: { vnc: { host: "10.0.0.5" } } });
      assert.equal(bad.status, 400, bad.text);
      const secretHost = "10.77.88.99";
      const good = await post(panel.url, `/api/vps/actions/${requestId}`, { status: "completed", result: { vnc: { host: secretHost, port: 5999, password: "hunter22" } } });
      assert.equal(good.status, 200, good.text);
      for (const path of [`/api/vps/${vps.id}/actions`, `/api/vps/${vps.id}`]) {
        const text = await (await alice.session.fetch(path)).text();
        assert.ok(!text.includes(secretHost) && !text.includes("hunter22") && !text.includes("5999"), `${path} leaks the upstream: ${text}`);
      }
      const t = await ticket(alice.session, vps.id);
      assert.ok(!t.text.includes(secretHost) && !t.text.includes("hunter22"));
      // The reveal route (root passwords) does not hand out or burn a console's secret.
      const reveal = await postJson(alice.session, `/api/vps/${vps.id}/actions/${requestId}/result`);
      assert.ok(reveal.status === 404 || reveal.status === 405, `reveal: ${reveal.status}`);
      assert.ok(!(await reveal.text()).includes("hunter22"));
      assert.equal((await ticket(alice.session, vps.id)).status, 200, "the console is still ready after a reveal attempt");
      // The stored ticket is a hash, not the ticket.
      const rows = await query<{ ticket_hash: string }>(panel.databaseUrl, "SELECT ticket_hash FROM console_tickets WHERE vps_id = $1", [vps.id]);
      assert.ok(rows.length >= 1 && rows.every((r) => r.ticket_hash !== t.json.ticket && r.ticket_hash.length === 64));
    });
  });

  describe("the proxy", () => {
    async function throughPanel(vnc: Record<string, unknown>) {
      const alice = await newClient();
      const vps = await newVps(alice.id);
      await readyConsole(alice.session, vps.id, vnc);
      const t = await ticket(alice.session, vps.id);
      assert.equal(t.status, 200, t.text);
      const { ws, closed } = await connectAs(alice.session, t.json.websocket);
      return { alice, vps, t, rfb: await within(RfbClient.overWs(ws, closed), 15_000, "RFB handshake through the panel") };
    }
    async function sameScreen(rfb: RfbClient, desktop: Desktop) {
      const direct = await RfbClient.overTcp(desktop.host, desktop.port, desktop.password);
      try {
        assert.equal(rfb.width, direct.width);
        assert.equal(rfb.height, direct.height);
        assert.equal(rfb.name, direct.name);
        const [a, b] = [await rfb.frame(), await direct.frame()];
        assert.ok(a.some((x) => x !== 0), "the screen has pixels");
        assert.equal(sha(a), sha(b), "the screen through the panel is byte for byte the direct one");
      } finally {
        direct.close();
      }
    }
    async function typed(rfb: RfbClient, desktop: Desktop) {
      const before = desktop.logs().length;
      rfb.key(0x71); // "q"
      rfb.key(0x7a); // "z"
      await within(
        (async () => {
          // x11vnc -debug_keyboard logs `keyboard(down, 0x71 "q")` for each key it is sent.
          while (!/keyboard\(down, 0x71 "q"\)[\s\S]*keyboard\(down, 0x7a "z"\)/.test(desktop.logs().slice(before))) await new Promise((r) => setTimeout(r, 100));
        })(),
        10_000,
        "x11vnc seeing the key",
      );
    }

    it("plain RFB over TCP with a VNC password: the panel answers it, the browser gets None", async () => {
      const { rfb } = await throughPanel(tcpVnc());
      assert.equal(rfb.security, 1, "the browser is offered security type None");
      assert.equal(rfb.width, 1024);
      await sameScreen(rfb, secured);
      await typed(rfb, secured);
      rfb.close();
    });

    it("plain RFB over TCP without a password", async () => {
      const { rfb } = await throughPanel({ host: open.host, port: open.port });
      await sameScreen(rfb, open);
      await typed(rfb, open);
      rfb.close();
    });

    it("a WebSocket upstream (websockify, as Proxmox's vncwebsocket) with a VNC password", async () => {
      const { rfb } = await throughPanel({ websocket_url: bridge.url, password: VNC_PASSWORD });
      await sameScreen(rfb, secured);
      await typed(rfb, secured);
      rfb.close();
    });

    it("a wrong VNC password closes with 4002 and says nothing of the upstream", async () => {
      const alice = await newClient();
      const vps = await newVps(alice.id);
      await readyConsole(alice.session, vps.id, { host: secured.host, port: secured.port, password: "not-it" });
      const t = await ticket(alice.session, vps.id);
      const closed = await refusedWith(alice.session, t.json.websocket);
      assert.equal(closed.code, 4002, closed.reason);
      assert.ok(!closed.reason.includes(String(secured.port)) && !closed.reason.includes("127.0.0.1"), closed.reason);
    });

    it("an unreachable upstream closes with 4002 without naming it", async () => {
      const alice = await newClient();
      const vps = await newVps(alice.id);
      await readyConsole(alice.session, vps.id, { host: "127.0.0.1", port: 1 });
      const t = await ticket(alice.session, vps.id);
      const closed = await refusedWith(alice.session, t.json.websocket);
      assert.equal(closed.code, 4002);
      assert.ok(!closed.reason.includes("127.0.0.1"), closed.reason);
    });
  });

  describe("ticket refusals on /console/ws", () => {
    it("a ticket works once; again is 4001", async () => {
      const alice = await newClient();
      const vps = await newVps(alice.id);
      await readyConsole(alice.session, vps.id, tcpVnc());
      const t = await ticket(alice.session, vps.id);
      const first = await connectAs(alice.session, t.json.websocket);
      const rfb = await RfbClient.overWs(first.ws, first.closed);
      const again = await refusedWith(alice.session, t.json.websocket);
      assert.equal(again.code, 4001);
      assert.match(again.reason, /already used or has expired/);
      rfb.close();
    });

    it("an expired ticket is 4001", async () => {
      const alice = await newClient();
      const vps = await newVps(alice.id);
      await readyConsole(alice.session, vps.id, tcpVnc());
      const t = await ticket(alice.session, vps.id);
      await query(panel.databaseUrl, "UPDATE console_tickets SET expires_at = now() - interval '1 second' WHERE vps_id = $1", [vps.id]);
      const closed = await refusedWith(alice.session, t.json.websocket);
      assert.equal(closed.code, 4001);
    });

    it("another client's session, an anonymous visitor and an unknown ticket get 4001; the owner's ticket survives them", async () => {
      const alice = await newClient();
      const bob = await newClient();
      const vps = await newVps(alice.id);
      await readyConsole(alice.session, vps.id, tcpVnc());
      const t = await ticket(alice.session, vps.id);
      const asBob = await refusedWith(bob.session, t.json.websocket);
      assert.equal(asBob.code, 4001);
      assert.match(asBob.reason, /another browser session/);
      assert.equal((await refusedWith(null, t.json.websocket)).code, 4001);
      assert.equal((await refusedWith(alice.session, "/console/ws?ticket=nope")).code, 4001);
      assert.equal((await refusedWith(alice.session, "/console/ws")).code, 4001);
      const mine = await connectAs(alice.session, t.json.websocket);
      (await RfbClient.overWs(mine.ws, mine.closed)).close();
    });

    it("a foreign Origin is refused with 403 before any upgrade", async () => {
      const alice = await newClient();
      const vps = await newVps(alice.id);
      await readyConsole(alice.session, vps.id, tcpVnc());
      const t = await ticket(alice.session, vps.id);
      await assert.rejects(connectAs(alice.session, t.json.websocket, "https://evil.example"), (err: { status?: number }) => err.status === 403);
      // …and did not spend the ticket.
      const mine = await connectAs(alice.session, t.json.websocket);
      (await RfbClient.overWs(mine.ws, mine.closed)).close();
    });
  });

  describe("sessions end by themselves", () => {
    async function openConsole() {
      const alice = await newClient();
      const vps = await newVps(alice.id);
      await readyConsole(alice.session, vps.id, tcpVnc());
      const t = await ticket(alice.session, vps.id);
      const { ws, closed } = await connectAs(alice.session, t.json.websocket);
      const rfb = await RfbClient.overWs(ws, closed);
      return { alice, vps, rfb, closed };
    }

    it("suspending the VPS closes its console with 4003 at once, and no new ticket is given", async () => {
      const { alice, vps, closed } = await openConsole();
      const started = Date.now();
      const r = await post(panel.url, "/api/vps/sync", { action: "update", vps: { id: vps.id, status: "suspended" } });
      assert.equal(r.status, 200, r.text);
      const c = await within(closed, 10_000, "close on suspension");
      assert.equal(c.code, 4003);
      assert.match(c.reason, /suspended/);
      assert.ok(Date.now() - started < 5_000);
      assert.equal((await ticket(alice.session, vps.id)).status, 409);
    });

    it("deleting the VPS closes its console with 4003", async () => {
      const { vps, closed } = await openConsole();
      const r = await post(panel.url, "/api/vps/sync", { action: "delete", vps: { id: vps.id } });
      assert.equal(r.status, 200, r.text);
      assert.equal((await within(closed, 10_000, "close on deletion")).code, 4003);
    });

    it("signing out everywhere closes the console with 4004 within WS_RECHECK_SECONDS", async () => {
      const { alice, closed } = await openConsole();
      const r = await alice.session.fetch("/api/account/sessions", { method: "DELETE", headers: { origin: panel.url } });
      assert.equal(r.status, 200, await r.text());
      const c = await within(closed, 10_000, "close on sign-out");
      assert.equal(c.code, 4004);
    });

    it("a whole console session over an API token (no cookie, no Origin, as a script): ask, ticket, the screen, keys; revoking the token closes it with 4004", async () => {
      const alice = await newClient();
      const vps = await newVps(alice.id);
      const issued = await postJson(alice.session, "/api/tokens", { name: "console-script", scopes: ["vps:read", "vps:write"] });
      assert.equal(issued.status, 201, await issued.clone().text());
      const { token } = (await issued.json()) as { token: { id: number; token: string } };
      const bearer = { authorization: `Bearer ${token.token}`, "content-type": "application/json" };
      const asked = await fetch(`${panel.url}/api/vps/${vps.id}/actions`, { method: "POST", headers: bearer, body: JSON.stringify({ action: "console" }) });
      assert.equal(asked.status, 202, await asked.clone().text());
      const requestId = ((await asked.json()) as { request: { id: number } }).request.id;
      const done = await post(panel.url, `/api/vps/actions/${requestId}`, { status: "completed", result: { vnc: tcpVnc() } });
      assert.equal(done.status, 200, done.text);
      const t = await fetch(`${panel.url}/api/vps/${vps.id}/console/ticket`, { method: "POST", headers: bearer });
      assert.equal(t.status, 200, await t.clone().text());
      const { websocket } = (await t.json()) as { websocket: string };
      const { ws, closed } = await RfbClient.openWs(wsUrl(websocket));
      const rfb = await within(RfbClient.overWs(ws, closed), 15_000, "RFB handshake over a token's ticket");
      assert.equal(rfb.security, 1);
      const direct = await RfbClient.overTcp(secured.host, secured.port, secured.password);
      try {
        assert.equal(sha(await rfb.frame()), sha(await direct.frame()), "the screen over a token's console is the direct one");
      } finally {
        direct.close();
      }
      const before = secured.logs().length;
      rfb.key(0x6b); // "k"
      await within(
        (async () => {
          while (!/keyboard\(down, 0x6b "k"\)/.test(secured.logs().slice(before))) await new Promise((r) => setTimeout(r, 100));
        })(),
        10_000,
        "x11vnc seeing the key",
      );
      // The token's ticket is not bound to a browser session, but is still single use.
      assert.equal((await refusedWith(null, websocket)).code, 4001);
      const revoked = await alice.session.fetch(`/api/tokens/${token.id}`, { method: "DELETE", headers: { origin: panel.url } });
      assert.equal(revoked.status, 200, await revoked.text());
      const c = await within(closed, 10_000, "close on token revocation");
      assert.equal(c.code, 4004);
      assert.match(c.reason, /token/);
    });

    it("closing the VNC server side closes the browser's socket with 4000", async () => {
      const d = await startDesktop({ label: "short-lived" });
      const alice = await newClient();
      const vps = await newVps(alice.id);
      await readyConsole(alice.session, vps.id, { host: d.host, port: d.port });
      const t = await ticket(alice.session, vps.id);
      const { ws, closed } = await connectAs(alice.session, t.json.websocket);
      await RfbClient.overWs(ws, closed);
      d.stop();
      assert.equal((await within(closed, 10_000, "close when the server goes")).code, 4000);
    });
  });
});
