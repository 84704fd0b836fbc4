// The console's time limit (CONSOLE_MAX_MINUTES, PRODUCT.md §10): the panel's own proxy
// (createConsoleProxy, as server.ts wires it) on a real PostgreSQL, in front of a real
// x11vnc, with the limit given in milliseconds as only a test can (the env variable is whole
// minutes). A session is open and drawing until the limit, then closed with 4005 and a
// reason that says so and names no upstream; each session has its own limit.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";

process.env.NEXTAUTH_SECRET ??= "console-limit-test-secret-0123456789abcdef0123456789";
(process.env as Record<string, string | undefined>).NODE_ENV ??= "test";

const { openDatabase } = await import("../../lib/db");
const { migrate } = await import("../../lib/migrate");
const { createUser } = await import("../../lib/users/create-user");
const { createVps } = await import("../../lib/vps/create-vps");
const { createToken } = await import("../../lib/tokens/create-token");
const { requestAction } = await import("../../lib/vps/actions/request");
const { reportAction } = await import("../../lib/vps/actions/report");
const { issueConsoleTicket } = await import("../../lib/console/tickets");
const { createConsoleProxy, CONSOLE_CLOSE } = await import("../../lib/console/proxy");
const { createTestDatabase } = await import("../support/pg");
const { RfbClient } = await import("../support/rfb-client");
const { desktopsAvailable, startDesktop } = await import("../support/vnc");
type Database = Awaited<ReturnType<typeof openDatabase>>;
type Actor = import("../../lib/users/actor").Actor;

const LIMIT_MS = 2_500;
const skip = desktopsAvailable() ? false : "needs xvfb and x11vnc (apt-get install xvfb x11vnc)";

describe("console time limit through the proxy", { skip }, () => {
  let tdb: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Database;
  let desktop: Awaited<ReturnType<typeof startDesktop>>;
  let proxy: ReturnType<typeof createConsoleProxy>;
  let server: Server;
  let wsBase: string;
  let alice: Actor;

  before(async () => {
    [tdb, desktop] = await Promise.all([createTestDatabase("ospab_console_limit"), startDesktop({ label: "time-limit", password: "limit-pw" })]);
    db = await openDatabase({ databaseUrl: tdb.url });
    await migrate(db);
    const user = await createUser(db.prisma, { email: "alice@example.com", password: "alice-password" });
    const session: Actor = { userId: user.id, role: "client" };
    // A token's ticket is bound to no browser session, so a plain WebSocket client can use it.
    const { token } = await createToken(db.prisma, session, { name: "console", scopes: ["vps:write"] });
    alice = { ...session, tokenId: token.id, scopes: ["vps:write"] };
    proxy = createConsoleProxy(db, { sessionSecret: process.env.NEXTAUTH_SECRET!, maxMs: LIMIT_MS, recheckMs: 60_000 });
    server = createServer((_req, res) => res.writeHead(404).end());
    server.on("upgrade", (req, socket, head) => (proxy.isConsoleRequest(req) ? proxy.handleUpgrade(req, socket, head) : socket.destroy()));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    wsBase = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await proxy?.close();
    await new Promise((r) => server?.close(r));
    desktop?.stop();
    await db?.close();
    await tdb?.drop();
  });

  let n = 0;
  async function openConsole() {
    const vps = await createVps(db.prisma, { userId: alice.userId, name: `limit${++n}`, cpu: 1, ramMb: 1024, diskGb: 10, os: "Debian 12" });
    await db.prisma.vps.update({ where: { id: vps.id }, data: { status: "running" } });
    const req = await requestAction(db.prisma, { kind: "user", actor: alice }, vps.id, { action: "console" });
    await reportAction(db.prisma, req.id, { status: "completed", result: { vnc: { host: desktop.host, port: desktop.port, password: desktop.password } } });
    const ticket = await issueConsoleTicket(db.prisma, alice, vps.id, { sessionId: null });
    const { ws, closed } = await RfbClient.openWs(`${wsBase}${ticket.websocket}`);
    const opened = Date.now();
    const rfb = await RfbClient.overWs(ws, closed);
    let closedAt = 0;
    const ended = closed.then((c) => ((closedAt = Date.now()), c));
    return { rfb, opened, ended, closedAt: () => closedAt };
  }

  it("a session is served until the limit, then closed with 4005 and a reason that says so", async () => {
    const s = await openConsole();
    assert.ok((await s.rfb.frame()).some((x) => x !== 0), "the screen arrives while within the limit");
    assert.equal(proxy.size(), 1);
    const c = await Promise.race([s.ended, new Promise<never>((_, j) => setTimeout(() => j(new Error("not closed at the limit")), LIMIT_MS + 10_000))]);
    assert.equal(c.code, CONSOLE_CLOSE.timeLimit, c.reason);
    assert.equal(c.code, 4005);
    assert.match(c.reason, /time limit/);
    assert.ok(!c.reason.includes(String(desktop.port)) && !c.reason.includes("127.0.0.1"), c.reason);
    const lived = s.closedAt() - s.opened;
    assert.ok(lived >= LIMIT_MS - 100, `closed after ${lived} ms, before the ${LIMIT_MS} ms limit`);
    assert.ok(lived < LIMIT_MS + 5_000, `closed ${lived} ms after opening, long after the limit`);
    assert.equal(proxy.size(), 0);
  });

  it("each session has its own limit: a later one outlives an earlier one's end", async () => {
    const first = await openConsole();
    await new Promise((r) => setTimeout(r, LIMIT_MS / 2));
    const second = await openConsole();
    assert.equal((await first.ended).code, 4005);
    assert.equal(proxy.size(), 1, "the later session is still open when the first reaches its limit");
    assert.ok((await second.rfb.frame()).length > 0);
    assert.equal((await second.ended).code, 4005);
    assert.ok(second.closedAt() - second.opened >= LIMIT_MS - 100);
  });
});
