// The §9 billing actions (lib/vps/actions/machine.ts) on a real PostgreSQL with two
// connection pools (two panel processes): the same ask from both at once makes one
// request; what changes at once (suspend, terminate) and what waits for the main site
// (resume's reported status, resize, terminate's removal); a sync update or delete that
// does the change completes the request too.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

process.env.NEXTAUTH_SECRET ??= "billing-pg-test-secret-0123456789abcdef0123456789";
(process.env as Record<string, string | undefined>).NODE_ENV ??= "test";

const { openDatabase } = await import("../../lib/db");
const { migrate } = await import("../../lib/migrate");
const { createUser } = await import("../../lib/users/create-user");
const { createVps } = await import("../../lib/vps/create-vps");
const { updateVps } = await import("../../lib/vps/update-vps");
const { deleteVps } = await import("../../lib/vps/delete-vps");
const { requestAction, requestActionOutcome } = await import("../../lib/vps/actions/request");
const { reportAction } = await import("../../lib/vps/actions/report");
const { createTestDatabase } = await import("../support/pg");
type Database = Awaited<ReturnType<typeof openDatabase>>;
type Actor = import("../../lib/users/actor").Actor;

const BILLING = { kind: "machine", source: "billmanager" } as const;

describe("billing actions (suspend, resume, resize, terminate)", () => {
  let tdb: Awaited<ReturnType<typeof createTestDatabase>>;
  let one: Database;
  let two: Database;
  let owner: Actor;

  before(async () => {
    tdb = await createTestDatabase("ospab_billing");
    one = await openDatabase({ databaseUrl: tdb.url });
    await migrate(one);
    two = await openDatabase({ databaseUrl: tdb.url });
    owner = { userId: (await createUser(one.prisma, { email: "carol@example.com", password: "carol-password" })).id, role: "client" };
  });
  after(async () => {
    await one?.close();
    await two?.close();
    await tdb?.drop();
  });

  let n = 0;
  const newVps = async (status: "running" | "stopped" = "running") => {
    const v = await createVps(one.prisma, { userId: owner.userId, name: `bill${n++}`, cpu: 2, ramMb: 2048, diskGb: 40, os: "Debian 12" });
    await updateVps(one.prisma, v.id, { status });
    return v.id;
  };
  const vps = (id: number) => one.prisma.vps.findUniqueOrThrow({ where: { id } });
  const events = async (vpsId: number, type: string) =>
    (await one.sql.query<{ payload: Record<string, unknown> }>("SELECT payload FROM domain_events WHERE vps_id = $1 AND type = $2 ORDER BY id", [vpsId, type])).map((r) => r.payload);

  it("the same suspend from two processes at once makes one request; the VPS is suspended at once", async () => {
    const id = await newVps();
    const outs = await Promise.all([requestActionOutcome(one.prisma, BILLING, id, { action: "suspend" }), requestActionOutcome(two.prisma, BILLING, id, { action: "suspend" })]);
    assert.deepEqual(outs.map((o) => o.created).sort(), [false, true]);
    assert.equal(outs[0].request!.id, outs[1].request!.id);
    assert.equal(outs.find((o) => !o.created)!.already, "requested");
    assert.equal((await vps(id)).status, "suspended");
    const requested = await events(id, "vps.action_requested");
    assert.equal(requested.length, 1);
    assert.equal((requested[0].vps as { status: string }).status, "suspended");
    assert.equal(requested[0].previous_status, "running");
    assert.deepEqual(requested[0].requested_by, { machine: "billmanager" });
  });

  it("suspend cancels the client's requests nobody started and refuses new ones", async () => {
    const id = await newVps();
    const start = await requestAction(one.prisma, { kind: "user", actor: owner }, id, { action: "reboot" });
    await requestAction(one.prisma, BILLING, id, { action: "suspend" });
    const row = await one.prisma.vpsActionRequest.findUniqueOrThrow({ where: { id: start.id } });
    assert.equal(row.status, "cancelled");
    assert.match(row.message ?? "", /billing system suspended/);
    await assert.rejects(requestAction(one.prisma, { kind: "user", actor: owner }, id, { action: "start" }), (e: { status?: number; message?: string }) => e.status === 409 && /suspended by the billing system/.test(e.message ?? ""));
  });

  it("a completed resume sets the status the main site reports; without one the VPS comes back stopped, never running on a guess", async () => {
    for (const [result, expected] of [[{ status: "running" }, "running"], [{ status: "stopped" }, "stopped"], [undefined, "stopped"], [{ status: "bogus" }, "stopped"]] as const) {
      const id = await newVps();
      const s = await requestAction(one.prisma, BILLING, id, { action: "suspend" });
      await reportAction(one.prisma, s.id, { status: "completed" });
      const r = await requestAction(one.prisma, BILLING, id, { action: "resume" });
      assert.equal((await vps(id)).status, "suspended", "still suspended while the resume is pending");
      await reportAction(one.prisma, r.id, { status: "in_progress", progress: 50 });
      assert.equal((await vps(id)).status, "suspended");
      await reportAction(one.prisma, r.id, result ? { status: "completed", result } : { status: "completed" });
      assert.equal((await vps(id)).status, expected, JSON.stringify(result));
      // The resolved event carries the VPS as it is after the change.
      const resolved = (await events(id, "vps.action_resolved")).find((p) => p.request_id === r.id)!;
      assert.equal((resolved.vps as { status: string }).status, expected);
    }
  });

  it("a failed resume leaves the VPS suspended; a failed suspend leaves it suspended and a retry asks again", async () => {
    const id = await newVps();
    const s = await requestAction(one.prisma, BILLING, id, { action: "suspend" });
    await reportAction(one.prisma, s.id, { status: "failed", message: "hypervisor unreachable" });
    assert.equal((await vps(id)).status, "suspended");
    const again = await requestActionOutcome(one.prisma, BILLING, id, { action: "suspend" });
    assert.ok(again.created, "the last suspend failed: asked again");
    await reportAction(one.prisma, again.request!.id, { status: "completed" });
    assert.deepEqual(await requestActionOutcome(one.prisma, BILLING, id, { action: "suspend" }), { vpsId: id, request: null, created: false, already: "suspended" });
    const r = await requestAction(one.prisma, BILLING, id, { action: "resume" });
    await reportAction(one.prisma, r.id, { status: "failed", message: "no" });
    assert.equal((await vps(id)).status, "suspended");
  });

  it("resume of a VPS that is not suspended and a resize to the same size ask nothing", async () => {
    const id = await newVps("stopped");
    assert.deepEqual(await requestActionOutcome(one.prisma, BILLING, id, { action: "resume" }), { vpsId: id, request: null, created: false, already: "stopped" });
    assert.deepEqual(await requestActionOutcome(one.prisma, BILLING, id, { action: "resize", cpu: 2, ram: 2048, disk: 40 }), { vpsId: id, request: null, created: false, already: "unchanged" });
    // An admin asking the same through the API gets 409 with the reason.
    await assert.rejects(requestAction(one.prisma, { kind: "user", actor: { userId: owner.userId, role: "admin" } }, id, { action: "resume" }), (e: { status?: number; message?: string }) => e.status === 409 && /not suspended/.test(e.message ?? ""));
  });

  it("a completed resize records the new size; a sync update with that size completes it too", async () => {
    const id = await newVps();
    const r = await requestAction(one.prisma, BILLING, id, { action: "resize", cpu: 4, ram: 8192, disk: 80 });
    assert.equal((await vps(id)).cpu, 2, "unchanged until the main site reports");
    await reportAction(one.prisma, r.id, { status: "completed", result: { cpu: 4 } });
    const v = await vps(id);
    assert.deepEqual([v.cpu, v.ramMb, v.diskGb], [4, 8192, 80]);
    const updated = (await events(id, "vps.updated")).at(-1)!;
    assert.deepEqual(updated.changed, ["cpu", "ram", "disk"]);

    const r2 = await requestAction(one.prisma, BILLING, id, { action: "resize", cpu: 8, ram: 8192, disk: 80 });
    await reportAction(one.prisma, r2.id, { status: "in_progress", progress: 10 });
    await updateVps(one.prisma, id, { cpu: 8 });
    assert.equal((await one.prisma.vpsActionRequest.findUniqueOrThrow({ where: { id: r2.id } })).status, "completed");
  });

  it("a sync update leaving suspended completes a resume", async () => {
    const id = await newVps();
    await requestAction(one.prisma, BILLING, id, { action: "suspend" });
    const r = await requestAction(one.prisma, BILLING, id, { action: "resume" });
    await updateVps(one.prisma, id, { status: "running" });
    assert.equal((await one.prisma.vpsActionRequest.findUniqueOrThrow({ where: { id: r.id } })).status, "completed");
  });

  it("terminate: deleting at once, removed when completed; a sync delete completes an open terminate", async () => {
    const id = await newVps();
    const t = await requestAction(one.prisma, BILLING, id, { action: "terminate" });
    assert.equal((await vps(id)).status, "deleting");
    await assert.rejects(requestAction(one.prisma, { kind: "user", actor: owner }, id, { action: "stop" }), (e: { status?: number }) => e.status === 409);
    // A failed terminate leaves it deleting; asking again (close.sh retried) is allowed.
    await reportAction(one.prisma, t.id, { status: "failed", message: "busy" });
    const t2 = await requestAction(two.prisma, BILLING, id, { action: "terminate" });
    await reportAction(one.prisma, t2.id, { status: "completed" });
    assert.ok((await vps(id)).deletedAt);
    assert.equal((await events(id, "vps.deleted")).length, 1);

    const id2 = await newVps();
    const t3 = await requestAction(one.prisma, BILLING, id2, { action: "terminate" });
    await deleteVps(one.prisma, id2);
    const row = await one.prisma.vpsActionRequest.findUniqueOrThrow({ where: { id: t3.id } });
    assert.equal(row.status, "completed");
    // Reporting it afterwards (the main site's own confirmation) is a no-op.
    assert.equal((await reportAction(one.prisma, t3.id, { status: "completed" })).changed, false);
  });
});
