// The notification centre and preferences over HTTP, as the browser and an attacker meet
// them: GET /api/notifications (own panel rows only, newest first, cursor pages, unread
// count), POST /api/notifications/read (ids or all; another user's ids change nothing; the
// new count reaches the user's sockets on another panel process), GET/PUT
// /api/account/notifications; anonymous callers, API tokens and a foreign Origin are
// refused. And the panel's own mail worker (SMTP_URL) delivering a pending notification to
// a real SMTP server without printing the SMTP password.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { io, type Socket } from "socket.io-client";
import { openDatabase, type Database } from "../../lib/db";
import { cookieHeader, createUser, json, signIn } from "../support/account";
import { SessionClient } from "../support/http";
import { startPanel, type Panel } from "../support/panel";
import { SmtpSink } from "../support/smtp";
import { createTestToken } from "../support/tokens";

const AUTH = { user: "panel-smtp", password: "Smtp-Pa55-never-logged" };

function connectSocket(url: string, cookie: string): Promise<Socket> {
  const socket = io(url, { path: "/socket.io/", transports: ["websocket"], extraHeaders: { cookie }, reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, what: string): Promise<T> {
  // A guard against hanging, not a timing bound.
  const end = Date.now() + 30_000;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== null && (v as unknown) !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("notifications over HTTP", () => {
  let panel: Panel;
  let webOnly: Panel;
  let sink: SmtpSink;
  let db: Database;
  let alice: { email: string; password: string; id: number };
  let bob: { email: string; password: string; id: number };
  let a: SessionClient;
  let b: SessionClient;
  const sockets: Socket[] = [];

  const notify = (userId: number, n: number, extra: Record<string, unknown> = {}) =>
    db.prisma.notification.create({
      data: {
        userId,
        kind: "alert.fired",
        vpsId: 5,
        params: { metric: "cpu_percent", op: ">", threshold: 80, for_minutes: 2, value: 95, vps_name: `srv-${n}` },
        dedupeKey: `http:${userId}:${n}:${Math.random()}`,
        ...extra,
      },
    });

  before(async () => {
    sink = await SmtpSink.start({ auth: AUTH });
    panel = await startPanel({ demoData: false, env: { SMTP_URL: sink.url(AUTH), MAIL_FROM: "Panel <alerts@panel.test>", MAIL_RETRY_SCHEDULE: "1s", TRUST_PROXY: "1", LOG_LEVEL: "info" } });
    // A second process on the same database that runs no workers: the socket.io adapter
    // must carry the read endpoint's event to its sockets.
    webOnly = await startPanel({ databaseUrl: panel.databaseUrl, demoData: false, env: { PANEL_WORKERS: "0", NEXTAUTH_SECRET: panel.env.NEXTAUTH_SECRET, NEXTAUTH_URL: panel.env.NEXTAUTH_URL, TRUST_PROXY: "1" } });
    db = await openDatabase({ databaseUrl: panel.databaseUrl, poolSize: 2 });
    alice = await createUser(panel.url, "alice");
    bob = await createUser(panel.url, "bob");
    a = new SessionClient(panel.url);
    b = new SessionClient(panel.url);
    assert.equal((await signIn(a, alice.email, alice.password)).ok, true);
    assert.equal((await signIn(b, bob.email, bob.password)).ok, true);
  });
  after(async () => {
    for (const s of sockets) s.close();
    await db?.close();
    await webOnly?.kill();
    await panel?.stop();
    await sink?.stop();
  });

  it("refuses anonymous callers, API tokens and a foreign Origin", async () => {
    const token = await createTestToken(db, alice.id, ["vps:read", "vps:write", "events:read"]);
    const anon = new SessionClient(panel.url);
    const bearer = new SessionClient(panel.url, { authorization: `Bearer ${token}` });
    const routes = [
      ["GET", "/api/notifications"],
      ["POST", "/api/notifications/read", { all: true }],
      ["GET", "/api/account/notifications"],
      ["PUT", "/api/account/notifications", { panel: false, email: false }],
    ] as const;
    for (const [method, path, body] of routes) {
      assert.equal((await json(anon, path, method, body)).status, 401, `${method} ${path} anonymous`);
      assert.equal((await json(bearer, path, method, body)).status, 401, `${method} ${path} with a token`);
    }
    const headers = { origin: "https://evil.example", cookie: cookieHeader(a), "content-type": "application/json" };
    await notify(alice.id, 900);
    for (const [method, path, body] of routes.filter((r) => r[0] !== "GET")) {
      const r = await fetch(`${panel.url}${path}`, { method, headers, body: JSON.stringify(body) });
      assert.equal(r.status, 403, `${method} ${path} from a foreign Origin`);
    }
    // Nothing changed.
    assert.equal((await json(a, "/api/notifications")).json.unread, 1);
    assert.deepEqual((await json(a, "/api/account/notifications")).json, { panel: true, email: true, email_available: true });
    await db.prisma.notification.deleteMany({});
  });

  it("lists the caller's own panel notifications, newest first, by cursor pages", async () => {
    const mine = [];
    for (let i = 1; i <= 5; i++) mine.push(await notify(alice.id, i));
    await notify(alice.id, 6, { inPanel: false, emailStatus: "off" }); // email-only: not in the centre
    await notify(bob.id, 7);
    const first = await json(a, "/api/notifications?limit=2");
    assert.equal(first.status, 200);
    assert.equal(first.json.unread, 5);
    assert.deepEqual(first.json.notifications.map((n: { params: { vps_name: string } }) => n.params.vps_name), ["srv-5", "srv-4"]);
    const n0 = first.json.notifications[0];
    assert.deepEqual(Object.keys(n0).sort(), ["created_at", "id", "kind", "params", "read_at", "vps_id"]);
    assert.equal(n0.id, mine[4].id.toString());
    assert.equal(n0.kind, "alert.fired");
    assert.equal(n0.vps_id, 5);
    assert.equal(n0.read_at, null);
    const second = await json(a, `/api/notifications?limit=2&cursor=${first.json.next_cursor}`);
    assert.deepEqual(second.json.notifications.map((n: { params: { vps_name: string } }) => n.params.vps_name), ["srv-3", "srv-2"]);
    const last = await json(a, `/api/notifications?limit=2&cursor=${second.json.next_cursor}`);
    assert.deepEqual(last.json.notifications.map((n: { params: { vps_name: string } }) => n.params.vps_name), ["srv-1"]);
    assert.equal(last.json.next_cursor, null);
    // Bob sees his own only.
    const bobs = await json(b, "/api/notifications");
    assert.deepEqual(bobs.json.notifications.map((n: { params: { vps_name: string } }) => n.params.vps_name), ["srv-7"]);
    for (const bad of ["limit=0", "limit=101", "cursor=abc", "cursor=-1"]) assert.equal((await json(a, `/api/notifications?${bad}`)).status, 400, bad);
  });

  it("marks read by ids or all; another user's ids change nothing; the count reaches the user's sockets on another process", async () => {
    const aliceSocket = await connectSocket(webOnly.url, cookieHeader(a));
    const bobSocket = await connectSocket(webOnly.url, cookieHeader(b));
    sockets.push(aliceSocket, bobSocket);
    const seenByAlice: { unread: number }[] = [];
    const seenByBob: { unread: number }[] = [];
    aliceSocket.on("notification", (m) => seenByAlice.push(m));
    bobSocket.on("notification", (m) => seenByBob.push(m));
    // The adapter learns of the other process through heartbeats (5 s).
    await eventually(async () => {
      const list = (await json(a, "/api/notifications?limit=1")).json;
      return list.unread === 5 || undefined;
    }, "alice has 5 unread");

    const bobsId = (await json(b, "/api/notifications")).json.notifications[0].id as string;
    const intrusion = await json(a, "/api/notifications/read", "POST", { ids: [bobsId] });
    assert.equal(intrusion.status, 200);
    assert.equal(intrusion.json.unread, 5, "alice's count is unchanged");
    assert.equal((await json(b, "/api/notifications")).json.unread, 1, "bob's notification is still unread");

    const [newest] = (await json(a, "/api/notifications?limit=1")).json.notifications;
    const one = await json(a, "/api/notifications/read", "POST", { ids: [newest.id] });
    assert.deepEqual(one.json, { unread: 4 });
    const msg = await eventually(() => seenByAlice.find((m) => m.unread === 4), "the notification event on the other process");
    assert.deepEqual(msg, { unread: 4 });
    const reread = (await json(a, "/api/notifications?limit=1")).json.notifications[0];
    assert.ok(reread.read_at && Date.parse(reread.read_at) > 0);

    assert.deepEqual((await json(a, "/api/notifications/read", "POST", { all: true })).json, { unread: 0 });
    await eventually(() => seenByAlice.find((m) => m.unread === 0), "the count 0");
    assert.equal(seenByBob.length, 0, "bob's sockets heard nothing of alice's");
    assert.equal((await json(b, "/api/notifications")).json.unread, 1);

    for (const bad of [{}, { ids: [] }, { ids: ["x"] }, { all: false }, { ids: ["1"], all: true }, { ids: Array(501).fill("1") }])
      assert.equal((await json(a, "/api/notifications/read", "POST", bad)).status, 400, JSON.stringify(bad).slice(0, 40));
  });

  it("reads and changes the caller's channel preferences (audited); bad bodies change nothing", async () => {
    assert.deepEqual((await json(a, "/api/account/notifications")).json, { panel: true, email: true, email_available: true });
    const put = await json(a, "/api/account/notifications", "PUT", { panel: true, email: false });
    assert.equal(put.status, 200);
    assert.deepEqual(put.json, { panel: true, email: false, email_available: true });
    assert.deepEqual((await json(a, "/api/account/notifications")).json, { panel: true, email: false, email_available: true });
    assert.deepEqual((await json(b, "/api/account/notifications")).json, { panel: true, email: true, email_available: true }, "bob's are his own");
    for (const bad of [{}, { panel: true }, { panel: "yes", email: true }, { panel: true, email: true, email_available: false }])
      assert.equal((await json(a, "/api/account/notifications", "PUT", bad)).status, 400, JSON.stringify(bad));
    const u = await db.prisma.user.findUniqueOrThrow({ where: { id: alice.id }, select: { notifyPanel: true, notifyEmail: true } });
    assert.deepEqual(u, { notifyPanel: true, notifyEmail: false });
    const audit = await db.prisma.auditEntry.findFirst({ where: { action: "account.notifications_updated", targetId: String(alice.id) } });
    assert.ok(audit, "the change is in the audit log");
  });

  it("the panel's mail worker sends a pending notification through SMTP_URL, never printing the password", async () => {
    await db.prisma.user.update({ where: { id: bob.id }, data: { locale: "en" } });
    const n = await notify(bob.id, 42, { emailStatus: "pending", params: { metric: "net_tx_bps", op: ">", threshold: 12_500_000, for_minutes: 3, value: 25_000_000, vps_name: "edge-1" } });
    const [mail] = await sink.waitFor(1);
    assert.deepEqual(mail.rcpt_tos, [bob.email]);
    assert.equal(mail.from, "Panel <alerts@panel.test>");
    assert.equal(mail.subject, "edge-1: Network out above 100 Mbit/s");
    assert.ok(mail.text!.includes(`${panel.url}/vps/5`), mail.text!);
    assert.ok(mail.authenticated);
    await eventually(async () => ((await db.prisma.notification.findUniqueOrThrow({ where: { id: n.id } })).emailStatus === "sent") || undefined, "status sent");
    assert.ok(!panel.logs().includes(AUTH.password), "the SMTP password is not in the panel's output");
  });
});
