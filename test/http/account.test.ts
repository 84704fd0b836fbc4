// /api/account/* and server-side sessions as a person (and an attacker) meets them: 2FA
// enrolment and sign-in with a code or a recovery code, sessions that end for real on
// sign-out, revocation and password change (open socket.io and /ws connections included),
// and every new route refusing anonymous visitors, API tokens and other users.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { io, type Socket } from "socket.io-client";
import { cookieHeader, createUser, json, signIn, totpCode } from "../support/account";
import { SessionClient } from "../support/http";
import { startPanel, TEST_ADMIN, type Panel } from "../support/panel";
import { query } from "../support/sync";
import { WsClient } from "../support/ws-client";
import { createTestToken } from "../support/tokens";
import { openDatabase } from "../../lib/db";

function connectSocket(url: string, cookie: string): Promise<Socket> {
  const socket = io(url, { path: "/socket.io/", transports: ["websocket"], extraHeaders: { cookie }, reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

async function eventually(check: () => boolean | Promise<boolean>, what: string) {
  // A guard against hanging, not a timing bound: WS_RECHECK_SECONDS is 1 here.
  const end = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function signedIn(panel: Panel, user: { email: string; password: string }, code?: string) {
  const c = new SessionClient(panel.url);
  const r = await signIn(c, user.email, user.password, code);
  assert.equal(r.ok, true, `sign-in of ${user.email} failed: ${r.error}`);
  return c;
}

async function mySessions(c: SessionClient) {
  const r = await json(c, "/api/account/sessions");
  assert.equal(r.status, 200);
  return r.json.sessions as { id: string; current: boolean; browser: string | null; ip: string | null; last_seen_at: string }[];
}

describe("account: two-factor sign-in and revocable sessions", () => {
  let panel: Panel;
  before(async () => {
    // TRUST_PROXY=1: each SessionClient signs in from its own address (test/support/http.ts).
    panel = await startPanel({ env: { WS_RECHECK_SECONDS: "1", TRUST_PROXY: "1" }, demoData: false });
  });
  after(async () => {
    await panel?.stop();
  });

  it("2FA: enrol, confirm, sign-in needs the code, codes are single-use, disable needs a code", async () => {
    const user = await createUser(panel.url, "twofa");
    const c = await signedIn(panel, user);

    // Confirming before enrolment, and bad bodies, change nothing.
    assert.equal((await json(c, "/api/account/2fa/confirm", "POST", { code: "123456" })).status, 409);
    assert.equal((await json(c, "/api/account/2fa/confirm", "POST", { code: 123456 })).status, 400);
    assert.equal((await json(c, "/api/account/2fa/confirm", "POST", {})).status, 400);
    assert.equal((await json(c, "/api/account/2fa", "DELETE", { code: "123456" })).status, 409);

    const enrol = await json(c, "/api/account/2fa", "POST", { password: user.password });
    assert.equal(enrol.status, 200);
    const secret = enrol.json.secret as string;
    assert.match(secret, /^[A-Z2-7]{32}$/);
    assert.match(enrol.json.otpauth_url, /^otpauth:\/\/totp\/ospab-panel:.+\?.*secret=[A-Z2-7]{32}/);
    assert.ok((enrol.json.otpauth_url as string).includes(`secret=${secret}`));

    // A wrong code does not turn 2FA on.
    const wrong = totpCode(secret) === "000000" ? "111111" : "000000";
    assert.equal((await json(c, "/api/account/2fa/confirm", "POST", { code: wrong })).status, 400);
    const confirmed = await json(c, "/api/account/2fa/confirm", "POST", { code: totpCode(secret) });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.json));
    const codes = confirmed.json.recovery_codes as string[];
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    // Enrolling again while on is refused (the secret is not replaced).
    assert.equal((await json(c, "/api/account/2fa", "POST", { password: user.password })).status, 409);

    // Password alone is no longer enough; a wrong password still says only "wrong".
    const anon = new SessionClient(panel.url);
    assert.deepEqual(await signIn(anon, user.email, user.password), { ok: false, error: "2fa_required" });
    assert.equal((await signIn(anon, user.email, "wrong-password-123")).error, "CredentialsSignin");
    assert.equal((await signIn(anon, user.email, "wrong-password-123", totpCode(secret, 1))).error, "CredentialsSignin");
    assert.deepEqual(await signIn(anon, user.email, user.password, wrong), { ok: false, error: "2fa_invalid" });

    // The next step's code works once; the same code again is refused.
    const next = totpCode(secret, 1);
    assert.equal((await signIn(new SessionClient(panel.url), user.email, user.password, next)).ok, true);
    assert.deepEqual(await signIn(new SessionClient(panel.url), user.email, user.password, next), { ok: false, error: "2fa_invalid" });

    // A recovery code works once.
    assert.equal((await signIn(new SessionClient(panel.url), user.email, user.password, codes[0])).ok, true);
    assert.deepEqual(await signIn(new SessionClient(panel.url), user.email, user.password, codes[0]), { ok: false, error: "2fa_invalid" });
    // …written in capitals and without the dash too.
    assert.equal((await signIn(new SessionClient(panel.url), user.email, user.password, codes[1].replace("-", "").toUpperCase())).ok, true);

    // Disabling needs a valid code; a used recovery code is not one.
    assert.equal((await json(c, "/api/account/2fa", "DELETE", {})).status, 400);
    assert.equal((await json(c, "/api/account/2fa", "DELETE", { code: codes[0] })).status, 400);
    assert.equal((await json(c, "/api/account/2fa", "DELETE", { code: wrong })).status, 400);
    assert.deepEqual(await signIn(new SessionClient(panel.url), user.email, user.password), { ok: false, error: "2fa_required" });
    assert.equal((await json(c, "/api/account/2fa", "DELETE", { code: codes[2] })).status, 200);
    assert.equal((await signIn(new SessionClient(panel.url), user.email, user.password)).ok, true);
  });

  it("account changes are audited with the change (request id, address) and listed on /account", async () => {
    const user = await createUser(panel.url, "auditacct");
    const c = await signedIn(panel, user);
    const enrol = await json(c, "/api/account/2fa", "POST", { password: user.password });
    const confirm = await c.fetch("/api/account/2fa/confirm", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ code: totpCode(enrol.json.secret) }) });
    assert.equal(confirm.status, 200);
    const rid = confirm.headers.get("x-request-id");
    const newPassword = "a-new-long-password-1";
    const pw = await json(c, "/api/account/password", "POST", { current_password: user.password, new_password: newPassword });
    assert.equal(pw.status, 200, JSON.stringify(pw.json));
    const rows = await query<{ action: string; actor_user_id: number; request_id: string; client_address: string | null; details: unknown }>(
      panel.databaseUrl,
      "SELECT action, actor_user_id, request_id, client_address, details FROM audit_log WHERE target_type = 'user' AND target_id = $1 AND action LIKE 'account.%' ORDER BY id",
      [String(user.id)],
    );
    assert.deepEqual(rows.map((r) => r.action), ["account.2fa_enabled", "account.password_changed"]);
    assert.equal(rows[0].request_id, rid);
    assert.ok(rows.every((r) => r.actor_user_id === user.id && r.client_address));
    // No secret in what was written: not the new password, not the TOTP secret.
    const all = JSON.stringify(await query(panel.databaseUrl, "SELECT * FROM audit_log"));
    assert.ok(!all.includes(newPassword) && !all.includes(enrol.json.secret) && !all.includes(user.password));
    // A refused change (wrong current password) leaves no row.
    assert.equal((await json(c, "/api/account/password", "POST", { current_password: "not-the-password-1", new_password: "another-long-password-2" })).status, 400);
    const after = await query(panel.databaseUrl, "SELECT 1 FROM audit_log WHERE target_id = $1 AND action = 'account.password_changed'", [String(user.id)]);
    assert.equal(after.length, 1);
    // The owner sees them among their security events.
    const html = await (await c.fetch("/account")).text();
    assert.match(html, /data-action="account.2fa_enabled"/);
    assert.match(html, /data-action="account.password_changed"/);
    assert.match(html, /data-action="auth.sign_in"/);
  });

  it("turning 2FA on asks for the password again: a stolen session alone cannot enrol its own authenticator", async () => {
    const user = await createUser(panel.url, "enrolpw");
    const c = await signedIn(panel, user);
    assert.equal((await json(c, "/api/account/2fa", "POST", {})).status, 400);
    assert.equal((await json(c, "/api/account/2fa", "POST", { password: "not-the-password-1" })).status, 400);
    const [row] = await query<{ secret: string | null }>(panel.databaseUrl, "SELECT totp_secret_enc AS secret FROM users WHERE id = $1", [user.id]);
    assert.equal(row.secret, null, "no secret was stored");
    // Guesses are throttled like sign-ins: the right password is refused once they are used up.
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await json(c, "/api/account/2fa", "POST", { password: `wrong-password-${i}` })).status);
    assert.ok(statuses.includes(429), statuses.join(","));
    assert.equal((await json(c, "/api/account/2fa", "POST", { password: user.password })).status, 429);
  });

  it("a wrong second factor counts toward the login throttle", async () => {
    const user = await createUser(panel.url, "throttle2fa");
    const c = await signedIn(panel, user);
    const { secret } = (await json(c, "/api/account/2fa", "POST", { password: user.password })).json;
    assert.equal((await json(c, "/api/account/2fa/confirm", "POST", { code: totpCode(secret) })).status, 200);
    const errors: (string | null)[] = [];
    for (let i = 0; i < 7; i++) errors.push((await signIn(new SessionClient(panel.url), user.email, user.password, "000000")).error);
    assert.ok(errors.some((e) => e?.startsWith("throttled")), `no throttling after 7 wrong codes: ${errors.join(",")}`);
  });

  it("wrong codes sent to turn 2FA off are throttled like sign-ins", async () => {
    const user = await createUser(panel.url, "throttledisable");
    const c = await signedIn(panel, user);
    const { secret } = (await json(c, "/api/account/2fa", "POST", { password: user.password })).json;
    assert.equal((await json(c, "/api/account/2fa/confirm", "POST", { code: totpCode(secret) })).status, 200);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await json(c, "/api/account/2fa", "DELETE", { code: "000000" })).status);
    assert.ok(statuses.includes(429), `no throttling after 7 wrong codes: ${statuses.join(",")}`);
    // Even the right code is refused while blocked: 2FA stays on.
    assert.equal((await json(c, "/api/account/2fa", "DELETE", { code: totpCode(secret, 1) })).status, 429);
    const [row] = await query<{ on: boolean }>(panel.databaseUrl, "SELECT totp_enabled_at IS NOT NULL AS on FROM users WHERE id = $1", [user.id]);
    assert.equal(row.on, true);
  });

  it("sign-out ends the session server-side: the old cookie is refused and its sockets close", async () => {
    const user = await createUser(panel.url, "signout");
    const c = await signedIn(panel, user);
    const cookie = cookieHeader(c);
    const socket = await connectSocket(panel.url, cookie);
    const ws = await WsClient.connect(`${panel.url.replace("http", "ws")}/ws`, { cookie });
    let wsClosed: number | null = null;
    ws.ws.on("close", (code) => (wsClosed = code));

    const csrf = (await (await c.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    await c.fetch("/api/auth/signout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken: csrf.csrfToken, json: "true" }),
    });

    // The cookie as it was before sign-out (a copy an attacker kept) no longer works.
    const replay = await fetch(`${panel.url}/api/vps`, { headers: { cookie } });
    assert.equal(replay.status, 401);
    const page = await fetch(`${panel.url}/dashboard`, { headers: { cookie }, redirect: "manual" });
    assert.ok([302, 303, 307].includes(page.status), `dashboard answered ${page.status}`);
    assert.match(page.headers.get("location") ?? "", /\/login/);
    await eventually(() => socket.disconnected, "socket.io connection closed");
    await eventually(() => wsClosed !== null, "/ws connection closed");
    assert.equal(wsClosed, 4401);
    // And a new socket with it is refused.
    await assert.rejects(connectSocket(panel.url, cookie));
  });

  it("revoking another session from /account signs that browser out (API, pages, socket.io, /ws)", async () => {
    const user = await createUser(panel.url, "revoke");
    const laptop = await signedIn(panel, user);
    const phone = new SessionClient(panel.url, { "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1" });
    assert.equal((await signIn(phone, user.email, user.password)).ok, true);
    const phoneCookie = cookieHeader(phone);
    const socket = await connectSocket(panel.url, phoneCookie);
    const ws = await WsClient.connect(`${panel.url.replace("http", "ws")}/ws`, { cookie: phoneCookie });
    let wsClosed = false;
    ws.ws.on("close", () => (wsClosed = true));

    const sessions = await mySessions(laptop);
    assert.equal(sessions.length, 2);
    assert.equal(sessions.filter((s) => s.current).length, 1);
    const other = sessions.find((s) => !s.current)!;
    assert.equal(other.browser, "Safari");
    assert.ok(other.ip, "the address is recorded");
    assert.ok(!Number.isNaN(Date.parse(other.last_seen_at)));
    assert.equal((await mySessions(phone)).find((s) => s.current)!.id, other.id);

    assert.equal((await json(laptop, `/api/account/sessions/${other.id}`, "DELETE")).status, 200);
    assert.equal((await json(phone, "/api/vps")).status, 401);
    assert.equal((await json(phone, "/api/account/sessions")).status, 401);
    const page = await phone.fetch("/account");
    assert.ok([302, 303, 307].includes(page.status), `account page answered ${page.status}`);
    await eventually(() => socket.disconnected, "socket.io connection closed");
    await eventually(() => wsClosed, "/ws connection closed");
    // The laptop is still signed in, and revoking twice finds nothing.
    assert.equal((await mySessions(laptop)).length, 1);
    assert.equal((await json(laptop, `/api/account/sessions/${other.id}`, "DELETE")).status, 404);
  });

  it("a password change ends every other session; bad input changes nothing", async () => {
    const user = await createUser(panel.url, "passwd");
    const a = await signedIn(panel, user);
    const b = await signedIn(panel, user);
    const socket = await connectSocket(panel.url, cookieHeader(b));

    assert.equal((await json(a, "/api/account/password", "POST", { current_password: user.password, new_password: "short" })).status, 400);
    assert.equal((await json(a, "/api/account/password", "POST", { current_password: "not-the-password", new_password: "a-long-new-password-1" })).status, 400);
    assert.equal((await json(a, "/api/account/password", "POST", { new_password: "a-long-new-password-1" })).status, 400);
    assert.equal((await json(b, "/api/vps")).status, 200, "nothing was revoked by the refused attempts");

    const changed = await json(a, "/api/account/password", "POST", { current_password: user.password, new_password: "a-long-new-password-1" });
    assert.equal(changed.status, 200);
    assert.equal(changed.json.revoked_sessions, 1);
    assert.equal((await json(b, "/api/vps")).status, 401);
    assert.equal((await json(a, "/api/vps")).status, 200, "the session that changed it stays");
    await eventually(() => socket.disconnected, "socket.io connection of the other session closed");
    assert.equal((await signIn(new SessionClient(panel.url), user.email, user.password)).ok, false);
    assert.equal((await signIn(new SessionClient(panel.url), user.email, "a-long-new-password-1")).ok, true);
  });

  it("sign out everywhere ends all sessions, this one included", async () => {
    const user = await createUser(panel.url, "everywhere");
    const a = await signedIn(panel, user);
    const b = await signedIn(panel, user);
    const r = await json(a, "/api/account/sessions", "DELETE");
    assert.equal(r.status, 200);
    assert.equal(r.json.revoked_sessions, 2);
    assert.equal((await json(a, "/api/vps")).status, 401);
    assert.equal((await json(b, "/api/vps")).status, 401);
  });

  it("profile: name and language change, email does not; bad input is refused", async () => {
    const user = await createUser(panel.url, "profile");
    const c = await signedIn(panel, user);
    assert.equal((await json(c, "/api/account/profile", "PATCH", { locale: "de" })).status, 400);
    assert.equal((await json(c, "/api/account/profile", "PATCH", {})).status, 400);
    const r = await json(c, "/api/account/profile", "PATCH", { name: "New Name", locale: "en", email: "x@example.com" });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.user, { name: "New Name", email: user.email, locale: "en", time_zone: null });
  });

  it("forms that carry a password post them: submitted before the page's script runs, no password lands in a URL or the access log", async () => {
    const login = await (await fetch(`${panel.url}/login`)).text();
    const tags = (html: string) => html.match(/<form\b[^>]*>/g) ?? [];
    assert.equal(tags(login).length, 1);
    for (const tag of tags(login)) assert.match(tag, /\bmethod="post"/, tag);
    const user = await createUser(panel.url, "forms");
    const c = await signedIn(panel, user);
    const account = await (await fetch(`${panel.url}/account`, { headers: { cookie: c.cookieList.map((k) => `${k.name}=${k.value}`).join("; ") } })).text();
    for (const form of account.match(/<form[^>]*>[\s\S]*?<\/form>/g) ?? [])
      if (/type="password"/.test(form)) assert.match(tags(form)[0]!, /\bmethod="post"/, form.slice(0, 120));
  });

  it("time zone: the chosen one, else the browser's cookie, else the default, on every page; a bad zone is refused and changes nothing", async () => {
    const user = await createUser(panel.url, "zone");
    const other = await createUser(panel.url, "zone-other");
    const c = await signedIn(panel, user);
    const o = await signedIn(panel, other);
    const page = async (client: SessionClient, cookie = "") =>
      (await fetch(`${panel.url}/account`, { headers: { cookie: [...client.cookieList.map((k) => `${k.name}=${k.value}`), cookie].filter(Boolean).join("; ") } })).text();
    // Nothing chosen, no browser cookie: DEFAULT_TIME_ZONE (Europe/Moscow); the sign-in event reads in it.
    assert.match(await page(c), /Europe\/Moscow \(GMT\+3\)/);
    assert.match(await page(c), /GMT\+3<\/time>/);
    // The browser's zone, told by its cookie; junk in the cookie is ignored.
    assert.match(await page(c, "ospab_tz=Asia%2FTokyo"), /Asia\/Tokyo \(GMT\+9\)/);
    assert.match(await page(c, "ospab_tz=%3Cscript%3E"), /Europe\/Moscow \(GMT\+3\)/);
    const bad = await json(c, "/api/account/profile", "PATCH", { time_zone: "Moscow" });
    assert.equal(bad.status, 400);
    assert.match(JSON.stringify(bad.json), /IANA time zone/);
    assert.equal((await json(c, "/api/account/profile", "PATCH", { time_zone: "Asia/Vladivostok" })).json.user.time_zone, "Asia/Vladivostok");
    // The choice beats the browser's cookie, and is the user's own.
    const chosen = await page(c, "ospab_tz=Asia%2FTokyo");
    assert.match(chosen, /Asia\/Vladivostok \(GMT\+10\)/);
    assert.match(chosen, /GMT\+10<\/time>/);
    assert.match(await page(o), /Europe\/Moscow \(GMT\+3\)/);
    // null: back to the browser's.
    assert.equal((await json(c, "/api/account/profile", "PATCH", { time_zone: null })).json.user.time_zone, null);
    assert.match(await page(c, "ospab_tz=Asia%2FTokyo"), /Asia\/Tokyo \(GMT\+9\)/);
  });

  it("every account route refuses anonymous visitors, API tokens and other users", async () => {
    const owner = await createUser(panel.url, "owner");
    const intruder = await createUser(panel.url, "intruder");
    const ownerClient = await signedIn(panel, owner);
    const ownerSid = (await mySessions(ownerClient))[0].id;
    const intruderClient = await signedIn(panel, intruder);
    const routes: [string, string, unknown?][] = [
      ["POST", "/api/account/2fa"],
      ["DELETE", "/api/account/2fa", { code: "123456" }],
      ["POST", "/api/account/2fa/confirm", { code: "123456" }],
      ["POST", "/api/account/password", { current_password: owner.password, new_password: "another-long-password" }],
      ["GET", "/api/account/sessions"],
      ["DELETE", "/api/account/sessions"],
      ["DELETE", `/api/account/sessions/${ownerSid}`],
      ["PATCH", "/api/account/profile", { name: "x" }],
    ];
    const anon = new SessionClient(panel.url);
    const tokenClient = new SessionClient(panel.url, { authorization: "Bearer osp_0000000000000000000000000000000000000000000" });
    for (const [method, path, body] of routes) {
      assert.equal((await json(anon, path, method, body)).status, 401, `${method} ${path} anonymous`);
      assert.equal((await json(tokenClient, path, method, body)).status, 401, `${method} ${path} with a token`);
    }
    // The other user cannot end the owner's session.
    assert.equal((await json(intruderClient, `/api/account/sessions/${ownerSid}`, "DELETE")).status, 404);
    assert.ok(!(await mySessions(intruderClient)).some((s) => s.id === ownerSid), "another user's sessions are not listed");
    assert.equal((await json(ownerClient, "/api/vps")).status, 200);
  });

  it(
    "every account write refuses a foreign Origin",
    async () => {
      const user = await createUser(panel.url, "origin");
      const c = await signedIn(panel, user);
      const headers = { origin: "https://evil.example", cookie: cookieHeader(c), "content-type": "application/json" };
      for (const [method, path] of [
        ["POST", "/api/account/2fa"],
        ["POST", "/api/account/password"],
        ["DELETE", "/api/account/sessions"],
        ["PATCH", "/api/account/profile"],
      ] as const) {
        const r = await fetch(`${panel.url}${path}`, { method, headers, body: JSON.stringify({ name: "x", current_password: user.password, new_password: "another-long-password" }) });
        assert.equal(r.status, 403, `${method} ${path}`);
      }
      assert.equal((await json(c, "/api/vps")).status, 200, "the session survived");
    },
  );
});

describe("account: ADMIN_REQUIRE_2FA=1", () => {
  let panel: Panel;
  before(async () => {
    panel = await startPanel({ env: { ADMIN_REQUIRE_2FA: "1" }, demoData: false });
  });
  after(async () => {
    await panel?.stop();
  });

  it("an admin without 2FA is sent to /account and refused elsewhere until it is on", async () => {
    const admin = await signedIn(panel, TEST_ADMIN);
    const page = await admin.fetch("/admin/users");
    assert.ok([302, 303, 307].includes(page.status), `admin page answered ${page.status}`);
    assert.match(page.headers.get("location") ?? "", /\/account$/);
    assert.equal((await admin.fetch("/account")).status, 200);
    assert.equal((await json(admin, "/api/admin/users")).status, 403);
    assert.equal((await json(admin, "/api/vps")).status, 403);
    // Nor through the admin's API tokens or a live feed (seen to pass through before).
    const db = await openDatabase({ databaseUrl: panel.databaseUrl, poolSize: 1 });
    const [{ id: adminId }] = await query<{ id: number }>(panel.databaseUrl, "SELECT id FROM users WHERE email = $1", [TEST_ADMIN.email]);
    const token = await createTestToken(db, adminId, ["vps:read", "events:read", "webhooks:admin"]);
    await db.close();
    const withToken = (path: string) => fetch(`${panel.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal((await withToken("/api/vps")).status, 403);
    assert.equal((await withToken("/api/webhooks")).status, 403);
    await assert.rejects(WsClient.connect(`${panel.url.replace("http", "ws")}/ws?token=${token}`));
    await assert.rejects(connectSocket(panel.url, cookieHeader(admin)));

    const { secret } = (await json(admin, "/api/account/2fa", "POST", { password: TEST_ADMIN.password })).json;
    assert.equal((await json(admin, "/api/account/2fa/confirm", "POST", { code: totpCode(secret) })).status, 200);
    assert.equal((await json(admin, "/api/admin/users")).status, 200);
    assert.equal((await admin.fetch("/admin/users")).status, 200);
    assert.equal((await withToken("/api/vps")).status, 200);
    (await connectSocket(panel.url, cookieHeader(admin))).close();

    // Clients are not affected.
    const client = await createUser(panel.url, "client");
    assert.equal((await json(await signedIn(panel, client), "/api/vps")).status, 200);
  });
});
