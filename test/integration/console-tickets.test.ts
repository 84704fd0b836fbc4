// Console tickets on a real PostgreSQL with two connection pools (two panel processes
// behind a load balancer): a ticket issued by one process is redeemed by the other, exactly
// once when both try at the same moment; expired, foreign-session and unknown tickets are
// refused (a foreign attempt does not spend it); an open console's holder stops being
// allowed when the VPS is suspended or deleted or the session is revoked.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

process.env.NEXTAUTH_SECRET ??= "console-pg-test-secret-0123456789abcdef0123456789";
(process.env as Record<string, string | undefined>).NODE_ENV ??= "test";

const { openDatabase } = await import("../../lib/db");
const { migrate } = await import("../../lib/migrate");
const { createUser } = await import("../../lib/users/create-user");
const { createVps } = await import("../../lib/vps/create-vps");
const { createUserSession, revokeSession } = await import("../../lib/auth/user-sessions");
const { requestAction } = await import("../../lib/vps/actions/request");
const { reportAction } = await import("../../lib/vps/actions/report");
const { issueConsoleTicket, redeemConsoleTicket, consoleStillAllowed, hashTicket } = await import("../../lib/console/tickets");
const { createTestDatabase } = await import("../support/pg");
type Database = Awaited<ReturnType<typeof openDatabase>>;
type Actor = import("../../lib/users/actor").Actor;

describe("console tickets with several processes", () => {
  let tdb: Awaited<ReturnType<typeof createTestDatabase>>;
  let one: Database;
  let two: Database;
  let alice: Actor;
  let bob: Actor;

  before(async () => {
    tdb = await createTestDatabase("ospab_console");
    one = await openDatabase({ databaseUrl: tdb.url });
    await migrate(one);
    two = await openDatabase({ databaseUrl: tdb.url });
    alice = { userId: (await createUser(one.prisma, { email: "alice@example.com", password: "alice-password" })).id, role: "client" };
    bob = { userId: (await createUser(one.prisma, { email: "bob@example.com", password: "bob-password-1" })).id, role: "client" };
  });
  after(async () => {
    await one?.close();
    await two?.close();
    await tdb?.drop();
  });

  let n = 0;
  /** A running VPS of alice's with a console the main site completed. */
  async function readyVps() {
    const vps = await createVps(one.prisma, { userId: alice.userId, name: `web${++n}`, cpu: 1, ramMb: 1024, diskGb: 10, os: "Debian 12" });
    await one.prisma.vps.update({ where: { id: vps.id }, data: { status: "running" } });
    const req = await requestAction(one.prisma, { kind: "user", actor: alice }, vps.id, { action: "console" });
    await reportAction(one.prisma, req.id, { status: "completed", result: { vnc: { host: "10.1.2.3", port: 5901, password: "pw" } } });
    const sid = await createUserSession(one.prisma, { userId: alice.userId });
    return { vpsId: vps.id, sid };
  }

  it("issued by one process, redeemed by either, exactly once when both try at once", async () => {
    const { vpsId, sid } = await readyVps();
    for (let round = 0; round < 5; round++) {
      const t = await issueConsoleTicket(one.prisma, alice, vpsId, { sessionId: sid });
      const [a, b] = await Promise.all([redeemConsoleTicket(one.prisma, t.ticket, sid), redeemConsoleTicket(two.prisma, t.ticket, sid)]);
      assert.equal([a, b].filter((r) => r.ok).length, 1, "exactly one process gets the console");
      const won = [a, b].find((r) => r.ok);
      assert.ok(won?.ok && "host" in won.target && won.target.host === "10.1.2.3" && won.target.password === "pw");
      const lost = [a, b].find((r) => !r.ok);
      assert.ok(lost && !lost.ok && lost.kind === "ticket");
    }
  });

  it("only the hash is stored; expired, unknown and foreign-session tickets are refused", async () => {
    const { vpsId, sid } = await readyVps();
    const t = await issueConsoleTicket(one.prisma, alice, vpsId, { sessionId: sid });
    const row = await one.sql.query<{ ticket_hash: string }>("SELECT ticket_hash FROM console_tickets WHERE ticket_hash = $1", [hashTicket(t.ticket)]);
    assert.equal(row.length, 1);
    assert.equal((await one.sql.query("SELECT 1 FROM console_tickets WHERE ticket_hash = $1", [t.ticket])).length, 0);
    const otherSid = await createUserSession(one.prisma, { userId: bob.userId });
    const foreign = await redeemConsoleTicket(two.prisma, t.ticket, otherSid);
    assert.ok(!foreign.ok && /another browser session/.test(foreign.reason));
    assert.ok(!(await redeemConsoleTicket(two.prisma, t.ticket, null)).ok);
    assert.ok(!(await redeemConsoleTicket(two.prisma, "not-a-ticket", sid)).ok);
    // Still unspent after those attempts; 61 s later it has expired.
    const late = await redeemConsoleTicket(two.prisma, t.ticket, sid, new Date(Date.now() + 61_000));
    assert.ok(!late.ok && /already used or has expired/.test(late.reason));
    const t2 = await issueConsoleTicket(one.prisma, alice, vpsId, { sessionId: sid });
    assert.ok((await redeemConsoleTicket(two.prisma, t2.ticket, sid)).ok);
  });

  it("no ticket for another client's VPS, a suspended VPS or a console older than 10 minutes", async () => {
    const { vpsId, sid } = await readyVps();
    await assert.rejects(issueConsoleTicket(one.prisma, bob, vpsId, { sessionId: sid }), { status: 404 });
    await assert.rejects(issueConsoleTicket(one.prisma, alice, vpsId, { sessionId: sid }, new Date(Date.now() + 11 * 60_000)), { status: 409 });
    await one.prisma.vps.update({ where: { id: vpsId }, data: { status: "suspended" } });
    await assert.rejects(issueConsoleTicket(one.prisma, alice, vpsId, { sessionId: sid }), { status: 409 });
  });

  it("an open console's holder stops being allowed on suspension, deletion and a revoked session", async () => {
    const a = await readyVps();
    const holder = { vpsId: a.vpsId, userId: alice.userId, sessionId: a.sid, tokenId: null };
    assert.deepEqual(await consoleStillAllowed(two.prisma, holder), { ok: true });
    await one.prisma.vps.update({ where: { id: a.vpsId }, data: { status: "suspended" } });
    assert.equal((await consoleStillAllowed(two.prisma, holder)).ok, false);
    await one.prisma.vps.update({ where: { id: a.vpsId }, data: { status: "running", deletedAt: new Date() } });
    const deleted = await consoleStillAllowed(two.prisma, holder);
    assert.ok(!deleted.ok && deleted.kind === "vps");
    const b = await readyVps();
    const h2 = { vpsId: b.vpsId, userId: alice.userId, sessionId: b.sid, tokenId: null };
    await revokeSession(one.prisma, alice.userId, b.sid);
    const revoked = await consoleStillAllowed(two.prisma, h2);
    assert.ok(!revoked.ok && revoked.kind === "session");
  });
});
