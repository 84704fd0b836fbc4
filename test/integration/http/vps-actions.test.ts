// §9 action requests through the real route definitions on an embedded PGlite: ask, list,
// cancel, the main site's report (idempotent final state, 409 after the end, 404 unknown),
// overlap, expiry (time moved in the DB), and the refusals: another client's VPS, an
// anonymous caller, a foreign Origin, a client asking for a billing action.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

const KEY = "actions-test-sync-key-0123456789abcdef0123456789";
process.env.NEXTAUTH_SECRET ??= "actions-test-secret-0123456789abcdef0123456789";
process.env.NEXTAUTH_URL ??= "http://panel.test";
process.env.VPS_SYNC_API_KEY = KEY;
(process.env as Record<string, string | undefined>).NODE_ENV ??= "test";

const { openDatabase, setDatabase } = await import("../../../lib/db");
const { migrate } = await import("../../../lib/migrate");
const { createUser } = await import("../../../lib/users/create-user");
const { createToken } = await import("../../../lib/tokens/create-token");
const { createVps } = await import("../../../lib/vps/create-vps");
const { updateVps } = await import("../../../lib/vps/update-vps");
const { expireStale } = await import("../../../lib/vps/actions/expire");
const { requestAction } = await import("../../../lib/vps/actions/request");
const actionsRoute = await import("../../../app/api/vps/[id]/actions/route");
const cancelRoute = await import("../../../app/api/vps/[id]/actions/[request_id]/route");
const reportRoute = await import("../../../app/api/vps/actions/[request_id]/route");
const revealRoute = await import("../../../app/api/vps/[id]/actions/[request_id]/result/route");
type Database = Awaited<ReturnType<typeof openDatabase>>;
// Response bodies are read loosely: the assertions pin each field they rely on.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const BASE = "http://panel.test";
async function call(def: Handler, p: string, params: Record<string, string>, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) {
  const res = await def(
    new Request(`${BASE}${p}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: { ...(init.body === undefined ? {} : { "content-type": "application/json" }), ...init.headers },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    }),
    { params: Promise.resolve(params) },
  );
  return { status: res.status, body: (await res.json()) as Loose };
}

describe("VPS action requests (§9)", () => {
  let db: Database;
  let alice: string;
  let bob: string;
  let admin: string;
  let vpsId: number;
  const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
  const ask = (t: string | null, id: number, body: unknown, extra: Record<string, string> = {}) =>
    call(actionsRoute.POST as Handler, `/api/vps/${id}/actions`, { id: String(id) }, { body, headers: { ...(t ? bearer(t) : {}), ...extra } });
  const list = (t: string | null, id: number) => call(actionsRoute.GET as Handler, `/api/vps/${id}/actions`, { id: String(id) }, { headers: t ? bearer(t) : {} });
  const report = (rid: number, body: unknown, key = KEY) =>
    call(reportRoute.POST as Handler, `/api/vps/actions/${rid}`, { request_id: String(rid) }, { body, headers: { "x-api-key": key } });
  const cancel = (t: string | null, id: number, rid: number, extra: Record<string, string> = {}) =>
    call(cancelRoute.DELETE as Handler, `/api/vps/${id}/actions/${rid}`, { id: String(id), request_id: String(rid) }, {
      method: "DELETE",
      headers: { ...(t ? bearer(t) : {}), ...extra },
    });
  const reveal = (t: string | null, id: number, rid: number, extra: Record<string, string> = {}) =>
    call(revealRoute.POST as Handler, `/api/vps/${id}/actions/${rid}/result`, { id: String(id), request_id: String(rid) }, {
      method: "POST",
      headers: { ...(t ? bearer(t) : {}), ...extra },
    });
  const events = async () => (await db.sql.query<{ type: string; payload: Loose }>("SELECT type, payload FROM domain_events WHERE vps_id = $1 ORDER BY id", [vpsId]));

  before(async () => {
    db = await openDatabase({ dataDir: mkdtempSync(path.join(tmpdir(), "ospab-actions-")) });
    await migrate(db);
    setDatabase(db);
    const a = await createUser(db.prisma, { email: "alice@example.com", password: "alice-password" });
    const b = await createUser(db.prisma, { email: "bob@example.com", password: "bob-password" });
    alice = (await createToken(db.prisma, { userId: a.id, role: "client" }, { name: "t", scopes: ["vps:read", "vps:write"] })).secret;
    bob = (await createToken(db.prisma, { userId: b.id, role: "client" }, { name: "t", scopes: ["vps:read", "vps:write"] })).secret;
    const root = await createUser(db.prisma, { email: "root@example.com", password: "admin-password", role: "admin" });
    admin = (await createToken(db.prisma, { userId: root.id, role: "admin" }, { name: "t", scopes: ["vps:read", "vps:write"] })).secret;
    vpsId = (await createVps(db.prisma, { userId: a.id, name: "web1", cpu: 2, ramMb: 2048, diskGb: 20, os: "Debian 12" })).id;
    await updateVps(db.prisma, vpsId, { status: "running" });
  });
  after(async () => db?.close());

  it("refuses another client (404), an anonymous caller (401), a foreign Origin (403) and a wrong key (401)", async () => {
    assert.equal((await ask(bob, vpsId, { action: "reboot" })).status, 404);
    assert.equal((await list(bob, vpsId)).status, 404);
    // No credentials at all falls through to the NextAuth session (not loadable in-process): a bad token stands for the anonymous caller here.
    assert.equal((await ask("ospab_not-a-real-token", vpsId, { action: "reboot" })).status, 401);
    assert.equal((await list("ospab_not-a-real-token", vpsId)).status, 401);
    // A cookie-borne write from a foreign page is refused before anything else (tokens are not cookies).
    assert.equal((await ask(null, vpsId, { action: "reboot" }, { origin: "https://evil.example", cookie: "next-auth.session-token=x" })).status, 403);
    assert.equal((await report(1, { status: "completed" }, "wrong-key")).status, 401);
    assert.equal((await ask(alice, vpsId, { action: "suspend" })).status, 403, "billing actions are not the client's");
    assert.equal((await ask(alice, vpsId, { action: "resize", cpu: 2, ram: 4, disk: 20 })).status, 400);
    assert.equal((await list(alice, vpsId)).body.requests.length, 0);
  });

  it("ask → in_progress → completed with a secret result; the same report again is 200, another 409; unknown 404", async () => {
    const r = await ask(alice, vpsId, { action: "reset_password" });
    assert.equal(r.status, 202);
    const rid = r.body.request.id as number;
    assert.equal(r.body.request.status, "pending");
    assert.equal((await ask(alice, vpsId, { action: "reboot" })).status, 409, "overlap");
    const p = await report(rid, { status: "in_progress", progress: 40, message: "working" });
    assert.equal(p.status, 200);
    assert.deepEqual([p.body.request.status, p.body.request.progress, p.body.request.message], ["in_progress", 40, "working"]);
    assert.equal((await cancel(alice, vpsId, rid)).status, 409, "in_progress cannot be cancelled");
    const done = await report(rid, { status: "completed", result: { root_password: "S3cret-pass", user: "root" } });
    assert.equal(done.status, 200);
    assert.deepEqual(done.body.request.result, { user: "root" });
    assert.equal(JSON.stringify(done.body).includes("S3cret-pass"), false);
    const again = await report(rid, { status: "completed", result: { root_password: "S3cret-pass" } });
    assert.deepEqual([again.status, again.body.changed], [200, false], JSON.stringify(again.body));
    assert.equal((await report(rid, { status: "failed", message: "late" })).status, 409);
    assert.equal((await report(999_999, { status: "completed" })).status, 404);
    const row = await db.prisma.vpsActionRequest.findUniqueOrThrow({ where: { id: rid } });
    assert.ok(row.resultSecret && !row.resultSecret.includes("S3cret-pass"));
    const evs = await events();
    assert.deepEqual(evs.filter((e) => e.type.startsWith("vps.action")).map((e) => e.type), ["vps.action_requested", "vps.action_progress", "vps.action_resolved"]);
    assert.equal(JSON.stringify(evs).includes("S3cret-pass"), false);
    // The secret part: another client 404, an admin 403, the owner once, then 409.
    assert.equal((await reveal(bob, vpsId, rid)).status, 404);
    assert.equal((await reveal(admin, vpsId, rid)).status, 403);
    const shown = await reveal(alice, vpsId, rid);
    assert.deepEqual([shown.status, shown.body.root_password], [200, "S3cret-pass"]);
    assert.equal((await reveal(alice, vpsId, rid)).status, 409, "once");
    assert.equal((await db.prisma.vpsActionRequest.findUniqueOrThrow({ where: { id: rid } })).resultSecret, null);
    const adminList = await list(admin, vpsId);
    assert.equal(adminList.status, 200);
    assert.equal(JSON.stringify(adminList.body).includes("S3cret-pass"), false);
    const listed = await list(alice, vpsId);
    assert.deepEqual([listed.status, listed.body.requests[0].id, listed.body.requests[0].status], [200, rid, "completed"]);
  });

  it("cancel: pending only, the owner only", async () => {
    const r = await ask(alice, vpsId, { action: "reboot" });
    const rid = r.body.request.id as number;
    assert.equal((await cancel(bob, vpsId, rid)).status, 404);
    const c = await cancel(alice, vpsId, rid);
    assert.deepEqual([c.status, c.body.request.status], [200, "cancelled"]);
    assert.equal((await cancel(alice, vpsId, rid)).status, 409);
    assert.equal((await report(rid, { status: "completed" })).status, 409, "a cancelled request cannot complete");
  });

  it("a sync update still completes a power request", async () => {
    const r = await ask(alice, vpsId, { action: "stop" });
    await updateVps(db.prisma, vpsId, { status: "stopped" });
    const row = await db.prisma.vpsActionRequest.findUniqueOrThrow({ where: { id: r.body.request.id } });
    assert.equal(row.status, "completed");
  });

  it("expiry: power after 30 min, others after 6 h (time moved in the DB)", async () => {
    const start = await ask(alice, vpsId, { action: "start" });
    const rid = start.body.request.id as number;
    await db.sql.query("UPDATE vps_action_requests SET created_at = now() - interval '29 minutes' WHERE id = $1", [rid]);
    assert.equal(await db.prisma.$transaction((tx) => expireStale(tx)), 0);
    await db.sql.query("UPDATE vps_action_requests SET created_at = now() - interval '31 minutes' WHERE id = $1", [rid]);
    assert.equal(await db.prisma.$transaction((tx) => expireStale(tx)), 1);
    assert.equal(await db.prisma.$transaction((tx) => expireStale(tx)), 0, "once");
    assert.equal((await db.prisma.vpsActionRequest.findUniqueOrThrow({ where: { id: rid } })).status, "expired");
    const snap = await ask(alice, vpsId, { action: "snapshot_create", name: "before-upgrade" });
    await db.sql.query("UPDATE vps_action_requests SET created_at = now() - interval '5 hours' WHERE id = $1", [snap.body.request.id]);
    assert.equal(await db.prisma.$transaction((tx) => expireStale(tx)), 0);
    await db.sql.query("UPDATE vps_action_requests SET created_at = now() - interval '7 hours' WHERE id = $1", [snap.body.request.id]);
    assert.equal(await db.prisma.$transaction((tx) => expireStale(tx)), 1);
  });

  it("a suspended VPS refuses client actions; a billing suspend is not blocked by a client's request", async () => {
    const r = await ask(alice, vpsId, { action: "start" });
    assert.equal(r.status, 202);
    const s = await requestAction(db.prisma, { kind: "machine", source: "billmanager" }, vpsId, { action: "suspend" });
    assert.equal(s.status, "pending");
    await updateVps(db.prisma, vpsId, { status: "suspended" });
    await report(r.body.request.id, { status: "failed", message: "suspended" });
    const refused = await ask(alice, vpsId, { action: "start" });
    assert.equal(refused.status, 409);
    assert.match(refused.body.message ?? refused.body.error ?? "", /suspended|still pending/);
  });
});
