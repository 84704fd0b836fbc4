// §9 requests on a real PostgreSQL with two connection pools (two panel processes): two
// expiry sweeps at once expire each stale request once (one vps.action_resolved each), and
// the same final report sent twice at once is applied once (the other is a no-op).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

process.env.NEXTAUTH_SECRET ??= "actions-pg-test-secret-0123456789abcdef0123456789";
(process.env as Record<string, string | undefined>).NODE_ENV ??= "test";

const { openDatabase } = await import("../../lib/db");
const { migrate } = await import("../../lib/migrate");
const { createUser } = await import("../../lib/users/create-user");
const { createVps } = await import("../../lib/vps/create-vps");
const { expireStale } = await import("../../lib/vps/actions/expire");
const { reportAction } = await import("../../lib/vps/actions/report");
const { revealActionResult } = await import("../../lib/vps/actions/reveal");
const { createTestDatabase } = await import("../support/pg");
type Database = Awaited<ReturnType<typeof openDatabase>>;
type Actor = import("../../lib/users/actor").Actor;

describe("VPS action requests with several processes", () => {
  let tdb: Awaited<ReturnType<typeof createTestDatabase>>;
  let one: Database;
  let two: Database;
  let userId: number;

  before(async () => {
    tdb = await createTestDatabase("ospab_actions");
    one = await openDatabase({ databaseUrl: tdb.url });
    await migrate(one);
    two = await openDatabase({ databaseUrl: tdb.url });
    userId = (await createUser(one.prisma, { email: "alice@example.com", password: "alice-password" })).id;
  });
  after(async () => {
    await one?.close();
    await two?.close();
    await tdb?.drop();
  });

  const resolvedEvents = async (ids: number[]) =>
    (await one.sql.query<{ rid: number }>(
      "SELECT (payload->>'request_id')::int AS rid FROM domain_events WHERE type = 'vps.action_resolved' AND (payload->>'request_id')::int = ANY($1)",
      [ids],
    )).map((r) => Number(r.rid));

  it("two sweeps at once expire each stale request once", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) {
      const vps = await createVps(one.prisma, { userId, name: `web${i}`, cpu: 1, ramMb: 1024, diskGb: 10, os: "Debian 12" });
      const action = i % 2 ? "reboot" : "snapshot_create";
      const r = await one.prisma.vpsActionRequest.create({ data: { vpsId: vps.id, userId, action, params: action === "reboot" ? {} : { name: "s" } } });
      ids.push(r.id);
    }
    await one.sql.query("UPDATE vps_action_requests SET created_at = now() - interval '7 hours', status = 'in_progress' WHERE id = ANY($1) AND id % 3 = 0", [ids]);
    await one.sql.query("UPDATE vps_action_requests SET created_at = now() - interval '7 hours' WHERE id = ANY($1)", [ids]);
    const [a, b] = await Promise.all([one.prisma.$transaction((tx) => expireStale(tx)), two.prisma.$transaction((tx) => expireStale(tx))]);
    assert.equal(a + b, ids.length, `expired ${a} + ${b}`);
    const rows = await one.prisma.vpsActionRequest.findMany({ where: { id: { in: ids } } });
    assert.ok(rows.every((r) => r.status === "expired" && r.resolvedAt));
    assert.deepEqual((await resolvedEvents(ids)).sort((x, y) => x - y), [...ids].sort((x, y) => x - y));
  });

  it("the same final report twice at once is applied once", async () => {
    const vps = await createVps(one.prisma, { userId, name: "db1", cpu: 1, ramMb: 1024, diskGb: 10, os: "Debian 12" });
    const r = await one.prisma.vpsActionRequest.create({ data: { vpsId: vps.id, userId, action: "reset_password", params: {} } });
    const report = { status: "completed" as const, result: { root_password: "pw-0123456789" } };
    const outs = await Promise.all([reportAction(one.prisma, r.id, report), reportAction(two.prisma, r.id, report)]);
    assert.deepEqual(outs.map((o) => o.changed).sort(), [false, true]);
    assert.deepEqual(await resolvedEvents([r.id]), [r.id]);
    // A different final state afterwards is refused.
    await assert.rejects(reportAction(two.prisma, r.id, { status: "failed", message: "late" }), (e: { status?: number }) => e.status === 409);
    // Two reveals at once (two tabs, two processes): one gets the password, the other 409.
    const owner: Actor = { userId, role: "client" };
    const reveals = await Promise.allSettled([revealActionResult(one.prisma, owner, vps.id, r.id), revealActionResult(two.prisma, owner, vps.id, r.id)]);
    const shown = reveals.filter((x) => x.status === "fulfilled").map((x) => x.value.root_password);
    const refused = reveals.filter((x) => x.status === "rejected").map((x) => (x.reason as { status?: number }).status);
    assert.deepEqual([shown, refused], [["pw-0123456789"], [409]]);
  });
});
