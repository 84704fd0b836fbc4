// Alert rules over HTTP (PRODUCT.md §11, docs/alerts.md): /api/alerts for the owner, admins
// and tokens (vps:read lists, vps:write writes); bad input 400; another client's rule or VPS
// 404; anonymous 401; a session write from a foreign Origin 403; audit rows for each write.
// Then a rule on the client's VPS fired by samples the main site pushes, through the workers
// of two panel processes on one database (each evaluating every second): `vps.alert` and `vps.alert_resolved` once each on the owner's socket.io, the
// admin's and the owner's /ws (never another client's), the socket `notification` event
// with the unread count to the owner only, and one email each (fired, resolved) received by a
// real SMTP server (test/support/smtp_sink.py) from whichever process's mail worker sends it.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { io, type Socket } from "socket.io-client";
import WebSocket from "ws";
import { SessionClient, signInDemoUsers } from "../support/http";
import { issueToken } from "../support/issue-token";
import { startPanel, TEST_ADMIN, type Panel } from "../support/panel";
import { SmtpSink } from "../support/smtp";
import { post, query } from "../support/sync";

const EVIL = "https://evil.example";
const JSON_HEADERS = { "content-type": "application/json" };

interface Rule {
  id: number;
  user_id: number;
  vps_id: number | null;
  metric: string;
  op: string;
  threshold: number;
  for_minutes: number;
  channels: string[];
  enabled: boolean;
  state: { vps_id: number; state: string; since: string; fired_at: string | null; last_value: number | null }[];
}

async function until(check: () => boolean | Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

interface Heard {
  type: string;
  payload: Record<string, unknown>;
}

function connectSocket(url: string, client: SessionClient): Promise<{ socket: Socket; heard: Heard[] }> {
  const cookie = client.cookieList.map((c) => `${c.name}=${c.value}`).join("; ");
  const socket = io(url, { path: "/socket.io/", transports: ["websocket"], extraHeaders: { cookie }, reconnection: false });
  const heard: Heard[] = [];
  for (const type of ["vps.alert", "vps.alert_resolved"]) socket.on(type, (m: { payload: Record<string, unknown> }) => heard.push({ type, payload: m.payload }));
  socket.on("notification", (m: Record<string, unknown>) => heard.push({ type: "notification", payload: m }));
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve({ socket, heard }));
    socket.once("connect_error", reject);
  });
}

function connectWs(url: string, token: string): Promise<{ ws: WebSocket; heard: Heard[] }> {
  const ws = new WebSocket(`${url.replace(/^http/, "ws")}/ws?token=${token}`);
  const heard: Heard[] = [];
  ws.on("message", (data) => {
    const m = JSON.parse(String(data)) as Heard;
    if (m.type !== "connection" && m.type !== "pong") heard.push(m);
  });
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve({ ws, heard }));
    ws.once("error", reject);
  });
}

describe("alert rules over HTTP", () => {
  let panel: Panel;
  let second: Panel;
  let sink: SmtpSink;
  let users: Awaited<ReturnType<typeof signInDemoUsers>>;
  let clientId: number;
  let own: number;
  let janes: number;
  const closers: (() => void)[] = [];
  const send = (c: SessionClient, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    c.fetch(path, { method, headers: { ...JSON_HEADERS, ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const rule = (over: Record<string, unknown> = {}) => ({ vps_id: own, metric: "cpu_percent", op: ">", threshold: 80, for_minutes: 5, channels: ["panel"], ...over });

  before(async () => {
    sink = await SmtpSink.start();
    const mail = { SMTP_URL: sink.url(), MAIL_FROM: "Panel <alerts@panel.test>" };
    panel = await startPanel({ env: { TRUST_PROXY: "1", ALERTS_EVERY_SECONDS: "1", ...mail } });
    // A second process with workers on the same database, as behind a load balancer.
    second = await startPanel({ databaseUrl: panel.databaseUrl, env: { TRUST_PROXY: "1", ALERTS_EVERY_SECONDS: "1", NEXTAUTH_SECRET: panel.env.NEXTAUTH_SECRET!, ...mail } });
    users = await signInDemoUsers(panel.url, TEST_ADMIN);
    own = ((await (await users.client.fetch("/api/vps")).json()) as { vps: { id: number }[] }).vps[0]!.id;
    janes = ((await (await users.jane.fetch("/api/vps")).json()) as { vps: { id: number }[] }).vps[0]!.id;
    clientId = (await query<{ id: number }>(panel.databaseUrl, "SELECT id FROM users WHERE email = 'client@ospab.local'"))[0]!.id;
  });
  after(async () => {
    for (const c of closers) c();
    await second?.kill();
    await panel?.stop();
    await sink?.stop();
  });

  it("refuses anonymous callers (401) and bad input (400, naming the field)", async () => {
    assert.equal((await fetch(`${panel.url}/api/alerts`)).status, 401);
    const anon = await fetch(`${panel.url}/api/alerts`, { method: "POST", headers: JSON_HEADERS, body: JSON.stringify(rule()) });
    assert.equal(anon.status, 401);
    assert.equal((await fetch(`${panel.url}/api/alerts/1`, { method: "DELETE" })).status, 401);
    const bad: [Record<string, unknown>, string][] = [
      [{ metric: "load_avg" }, "metric"],
      [{ op: "=" }, "op"],
      [{ threshold: "high" }, "threshold"],
      [{ for_minutes: 0 }, "for_minutes"],
      [{ for_minutes: 1441 }, "for_minutes"],
      [{ for_minutes: 2.5 }, "for_minutes"],
      [{ channels: [] }, "channels"],
      [{ channels: ["sms"] }, "channels.0"],
      [{ threshold: 150 }, "threshold"],
      [{ vps_id: "1" }, "vps_id"],
      [{ colour: "red" }, ""],
    ];
    for (const [over, field] of bad) {
      const res = await send(users.client, "POST", "/api/alerts", rule(over));
      const body = (await res.json()) as { code: string; errors?: { field: string }[] };
      assert.equal(res.status, 400, JSON.stringify(over));
      assert.equal(body.code, "validation_failed");
      assert.ok(body.errors?.some((e) => e.field === field), `${JSON.stringify(over)} names ${field}: ${JSON.stringify(body.errors)}`);
    }
    const { vps_id: _v, ...noVps } = rule();
    assert.equal((await send(users.client, "POST", "/api/alerts", noVps)).status, 400, "vps_id must be given (null for all)");
    const notJson = await users.client.fetch("/api/alerts", { method: "POST", headers: JSON_HEADERS, body: "{" });
    assert.equal(notJson.status, 400);
    const [{ n }] = (await query<{ n: number }>(panel.databaseUrl, "SELECT count(*)::int AS n FROM alert_rules")) as [{ n: number }];
    assert.equal(n, 0);
  });

  it("creates, lists, changes and deletes the caller's own rules, with audit rows; another client's rule or VPS is 404", async () => {
    const created = await send(users.client, "POST", "/api/alerts", rule({ channels: ["webhook", "panel", "panel"] }));
    assert.equal(created.status, 201);
    const r = ((await created.json()) as { rule: Rule }).rule;
    assert.deepEqual({ ...r, id: 0 }, {
      id: 0, user_id: clientId, vps_id: own, metric: "cpu_percent", op: ">", threshold: 80, for_minutes: 5, channels: ["panel", "webhook"],
      enabled: true, state: [], created_at: (r as unknown as { created_at: string }).created_at, updated_at: (r as unknown as { updated_at: string }).updated_at,
    });
    const all = await send(users.client, "POST", "/api/alerts", rule({ vps_id: null, metric: "ram_used_mb", op: "<", threshold: 100, for_minutes: 10, channels: ["email"] }));
    assert.equal(all.status, 201);
    const allId = ((await all.json()) as { rule: Rule }).rule.id;

    const list = (await (await users.client.fetch("/api/alerts")).json()) as { rules: Rule[] };
    assert.deepEqual(list.rules.map((x) => x.id), [r.id, allId]);

    // Jane: not her rules, not her VPS.
    assert.deepEqual(((await (await users.jane.fetch("/api/alerts")).json()) as { rules: Rule[] }).rules, []);
    const forOwn = await send(users.jane, "POST", "/api/alerts", rule());
    assert.equal(forOwn.status, 404);
    assert.equal(((await forOwn.json()) as { message: string }).message, `VPS ${own} not found`);
    assert.equal((await send(users.jane, "PATCH", `/api/alerts/${r.id}`, { threshold: 10 })).status, 404);
    assert.equal((await send(users.jane, "DELETE", `/api/alerts/${r.id}`)).status, 404);
    assert.equal((await send(users.client, "PATCH", `/api/alerts/${r.id}`, { vps_id: janes })).status, 404, "cannot move a rule to another's VPS");
    assert.equal((await send(users.client, "POST", "/api/alerts", rule({ vps_id: janes }))).status, 404);
    assert.equal((await send(users.client, "POST", "/api/alerts", rule({ vps_id: 987_654 }))).status, 404);
    assert.equal((await users.jane.fetch(`/api/alerts?user_id=${clientId}`)).status, 403, "only admins list another user's rules");

    // Changes: partial; nothing to change is 400; a cpu threshold out of 0..100 is 400.
    const patched = await send(users.client, "PATCH", `/api/alerts/${r.id}`, { threshold: 90, enabled: false });
    assert.equal(patched.status, 200);
    const p = ((await patched.json()) as { rule: Rule }).rule;
    assert.deepEqual([p.threshold, p.enabled, p.for_minutes, p.channels], [90, false, 5, ["panel", "webhook"]]);
    assert.equal((await send(users.client, "PATCH", `/api/alerts/${r.id}`, {})).status, 400);
    assert.equal((await send(users.client, "PATCH", `/api/alerts/${r.id}`, { threshold: 120 })).status, 400);
    assert.equal((await send(users.client, "PATCH", `/api/alerts/abc`, { threshold: 1 })).status, 404);

    // Session writes from a foreign page are refused.
    for (const [method, path, body] of [["POST", "/api/alerts", rule()], ["PATCH", `/api/alerts/${r.id}`, { threshold: 1 }], ["DELETE", `/api/alerts/${r.id}`, undefined]] as const) {
      const res = await send(users.client, method, path, body, { origin: EVIL });
      assert.equal(res.status, 403, `${method} ${path} from a foreign Origin`);
    }

    assert.equal((await send(users.client, "DELETE", `/api/alerts/${allId}`)).status, 204);
    assert.equal((await send(users.client, "DELETE", `/api/alerts/${allId}`)).status, 404);

    const audit = await query<{ action: string; target_id: string; actor_user_id: number }>(
      panel.databaseUrl,
      "SELECT action, target_id, actor_user_id FROM audit_log WHERE target_type = 'alert_rule' ORDER BY id",
    );
    assert.deepEqual(audit.map((a) => [a.action, Number(a.target_id), a.actor_user_id]), [
      ["alert_rule.created", r.id, clientId],
      ["alert_rule.created", allId, clientId],
      ["alert_rule.updated", r.id, clientId],
      ["alert_rule.deleted", allId, clientId],
    ]);
    await send(users.client, "DELETE", `/api/alerts/${r.id}`);
  });

  it("admins see and set any user's rules; a rule an admin sets on a client's VPS is the client's", async () => {
    const res = await send(users.admin, "POST", "/api/alerts", rule({ vps_id: own }));
    assert.equal(res.status, 201);
    const r = ((await res.json()) as { rule: Rule }).rule;
    assert.equal(r.user_id, clientId);
    assert.deepEqual(((await (await users.admin.fetch(`/api/alerts?user_id=${clientId}`)).json()) as { rules: Rule[] }).rules.map((x) => x.id), [r.id]);
    assert.deepEqual(((await (await users.client.fetch("/api/alerts")).json()) as { rules: Rule[] }).rules.map((x) => x.id), [r.id]);
    assert.equal((await send(users.admin, "PATCH", `/api/alerts/${r.id}`, { for_minutes: 2 })).status, 200);
    const mismatch = await send(users.admin, "POST", "/api/alerts", rule({ vps_id: own, user_id: 987_654 }));
    assert.equal(mismatch.status, 404);
    assert.equal((await send(users.admin, "DELETE", `/api/alerts/${r.id}`)).status, 204);
  });

  it("API tokens: vps:read lists, vps:write writes, other scopes are refused", async () => {
    const read = await issueToken(panel.url, "client@ospab.local", "client-demo-pass", ["vps:read"]);
    const write = await issueToken(panel.url, "client@ospab.local", "client-demo-pass", ["vps:write"]);
    const events = await issueToken(panel.url, "client@ospab.local", "client-demo-pass", ["events:read"]);
    const call = (token: string, method: string, path: string, body?: unknown) =>
      fetch(`${panel.url}${path}`, { method, headers: { ...JSON_HEADERS, authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    assert.equal((await call(read, "GET", "/api/alerts")).status, 200);
    assert.equal((await call(read, "POST", "/api/alerts", rule())).status, 403);
    assert.equal((await call(events, "GET", "/api/alerts")).status, 403);
    const created = await call(write, "POST", "/api/alerts", rule());
    assert.equal(created.status, 201);
    const id = ((await created.json()) as { rule: Rule }).rule.id;
    // A token write is not a cookie write: a foreign Origin header does not matter to it.
    assert.equal((await call(read, "PATCH", `/api/alerts/${id}`, { threshold: 70 })).status, 403);
    assert.equal((await call(write, "PATCH", `/api/alerts/${id}`, { threshold: 70 })).status, 200);
    const janeWrite = await issueToken(panel.url, "jane", "client2-demo-pass", ["vps:write"]);
    assert.equal((await call(janeWrite, "DELETE", `/api/alerts/${id}`)).status, 404);
    assert.equal((await call(write, "DELETE", `/api/alerts/${id}`)).status, 204);
    const [{ actor_token_id }] = (await query<{ actor_token_id: number | null }>(
      panel.databaseUrl,
      "SELECT actor_token_id FROM audit_log WHERE action = 'alert_rule.deleted' AND target_id = $1",
      [String(id)],
    )) as [{ actor_token_id: number | null }];
    assert.ok(actor_token_id !== null, "the audit row names the token");
  });

  it("fires once and resolves once through two processes' workers: socket.io (owner, admins), /ws, the owner's notification count and email", async () => {
    await query(panel.databaseUrl, "DELETE FROM vps_metric_samples WHERE vps_id = $1", [own]);
    const owner = await connectSocket(panel.url, users.client);
    // The admin's socket is on the other process: the events reach it through the adapter.
    const adminOnSecond = new SessionClient(second.url);
    assert.ok(await adminOnSecond.signIn(TEST_ADMIN.email, TEST_ADMIN.password));
    const admin = await connectSocket(second.url, adminOnSecond);
    const jane = await connectSocket(panel.url, users.jane);
    const token = await issueToken(panel.url, "client@ospab.local", "client-demo-pass", ["events:read"]);
    const janeToken = await issueToken(panel.url, "jane", "client2-demo-pass", ["events:read"]);
    const ws = await connectWs(panel.url, token);
    const janeWs = await connectWs(panel.url, janeToken);
    for (const s of [owner.socket, admin.socket, jane.socket]) closers.push(() => s.close());
    for (const w of [ws.ws, janeWs.ws]) closers.push(() => w.close());

    const vpsName = ((await (await users.client.fetch(`/api/vps/${own}`)).json()) as { vps: { name: string } }).vps.name;
    const mailsBefore = sink.messages.length;
    const res = await send(users.client, "POST", "/api/alerts", rule({ for_minutes: 1, channels: ["panel", "email", "webhook"] }));
    const id = ((await res.json()) as { rule: Rule }).rule.id;
    const now = Date.now();
    const ingest = (samples: unknown[]) => post(panel.url, "/api/vps/metrics", { samples });
    assert.equal((await ingest([
      { vps_id: own, at: new Date(now - 50_000).toISOString(), cpu_percent: 95 },
      { vps_id: own, at: new Date(now - 5_000).toISOString(), cpu_percent: 97 },
    ])).status, 202);
    const fired = (h: Heard[]) => h.filter((e) => e.type === "vps.alert" && e.payload.rule_id === id);
    assert.ok(await until(() => fired(owner.heard).length > 0 && fired(ws.heard).length > 0 && fired(admin.heard).length > 0), "vps.alert reached the owner, /ws and admins");
    assert.deepEqual({ ...fired(owner.heard)[0]!.payload, fired_at: "" }, {
      rule_id: id, vps_id: own, metric: "cpu_percent", op: ">", threshold: 80, for_minutes: 1, value: 97, channels: ["panel", "email", "webhook"], fired_at: "",
    });
    assert.ok(await until(() => owner.heard.some((e) => e.type === "notification")), "the owner's notification signal");
    const first = owner.heard.find((e) => e.type === "notification")!.payload as { unread: number; notification: { kind: string; vps_id: number; params: { vps_name: string } } };
    assert.equal(first.unread, 1);
    assert.equal(first.notification.kind, "alert.fired");
    assert.equal(first.notification.vps_id, own);

    const listed = ((await (await users.client.fetch("/api/alerts")).json()) as { rules: Rule[] }).rules.find((x) => x.id === id)!;
    assert.equal(listed.state[0]?.state, "firing");
    assert.ok(listed.state[0]?.fired_at);

    // Back below the threshold: resolves at the next tick, once.
    assert.equal((await ingest([{ vps_id: own, at: new Date(Date.now()).toISOString(), cpu_percent: 12 }])).status, 202);
    const resolved = (h: Heard[]) => h.filter((e) => e.type === "vps.alert_resolved" && e.payload.rule_id === id);
    assert.ok(await until(() => resolved(owner.heard).length > 0 && resolved(ws.heard).length > 0 && resolved(admin.heard).length > 0), "vps.alert_resolved reached the owner, /ws and admins");
    assert.ok(await until(() => owner.heard.filter((e) => e.type === "notification").length >= 2));
    // Several more ticks: nothing more.
    await new Promise((r) => setTimeout(r, 3_000));
    for (const h of [owner.heard, ws.heard, admin.heard]) {
      assert.equal(fired(h).length, 1, "fired once");
      assert.equal(resolved(h).length, 1, "resolved once");
    }
    assert.deepEqual(owner.heard.filter((e) => e.type === "notification").map((e) => (e.payload as { unread: number }).unread), [1, 2]);
    assert.equal(admin.heard.filter((e) => e.type === "notification").length, 0, "the owner's notifications are not the admin's");
    assert.equal(jane.heard.length, 0, "another client hears nothing");
    assert.equal(janeWs.heard.filter((e) => e.type.startsWith("vps.alert")).length, 0, "another client's /ws hears nothing");
    assert.equal(ws.heard.filter((e) => e.type === "notification").length, 0, "notification signals never go to /ws");
    // In the database too: one event and one notification each, whichever process evaluated.
    const rows = await query<{ type: string; n: number }>(
      panel.databaseUrl,
      "SELECT type, count(*)::int AS n FROM domain_events WHERE type LIKE 'vps.alert%' AND (payload->>'rule_id')::int = $1 GROUP BY type ORDER BY type",
      [id],
    );
    assert.deepEqual(rows.map((r) => [r.type, r.n]), [["vps.alert", 1], ["vps.alert_resolved", 1]]);
    const notes = await query<{ kind: string }>(panel.databaseUrl, "SELECT kind FROM notifications WHERE rule_id = $1 ORDER BY id", [id]);
    assert.deepEqual(notes.map((r) => r.kind), ["alert.fired", "alert.resolved"]);
    // Email: one for the firing and one for the resolving reached the SMTP server, in the owner's language.
    assert.ok(await until(() => sink.messages.length >= mailsBefore + 2), "two emails reached the SMTP server");
    await new Promise((r) => setTimeout(r, 4_000)); // a mail pass or more (every 3 s): no third
    const mails = sink.messages.slice(mailsBefore);
    assert.deepEqual(mails.map((m) => m.rcpt_tos), [["client@ospab.local"], ["client@ospab.local"]]);
    // Two processes' mail workers share the queue, so the two may arrive in either order.
    assert.deepEqual(mails.map((m) => m.subject).sort(), [`${vpsName}: Загрузка процессора выше 80 %`, `${vpsName}: Загрузка процессора снова в норме`].sort());
    for (const m of mails) assert.ok(m.text!.includes(`/vps/${own}`), m.text!);
    assert.deepEqual(
      (await query<{ email_status: string }>(panel.databaseUrl, "SELECT email_status FROM notifications WHERE rule_id = $1 ORDER BY id", [id])).map((r) => r.email_status),
      ["sent", "sent"],
    );
  });
});
