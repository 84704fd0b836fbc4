// A completed reinstall / reset_password changes the panel's own VPS record
// (lib/vps/actions/apply-result.ts): the stored root password is replaced (encrypted), a
// reinstall sets the OS, one `vps.updated` event tells the owner's page; a failed or
// repeated report, or another action, changes nothing. On an embedded PGlite, through the
// services the report route calls.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

process.env.NEXTAUTH_SECRET ??= "apply-result-secret-0123456789abcdef0123456789";
process.env.NEXTAUTH_URL ??= "http://panel.test";
process.env.VPS_SYNC_API_KEY ??= "apply-result-sync-key-0123456789abcdef01234567";
(process.env as Record<string, string | undefined>).NODE_ENV ??= "test";

const { openDatabase, setDatabase } = await import("../../lib/db");
const { migrate } = await import("../../lib/migrate");
const { createUser } = await import("../../lib/users/create-user");
const { createVps } = await import("../../lib/vps/create-vps");
const { updateVps } = await import("../../lib/vps/update-vps");
const { requestAction } = await import("../../lib/vps/actions/request");
const { reportAction } = await import("../../lib/vps/actions/report");
const { revealActionResult } = await import("../../lib/vps/actions/reveal");
const { readOwnRootPassword } = await import("../../lib/vps/root-password-access");
const { encryptRootPassword } = await import("../../lib/vps/root-password");
type Database = Awaited<ReturnType<typeof openDatabase>>;

describe("a completed reinstall / reset_password updates the VPS", () => {
  let db: Database;
  let owner: { userId: number; role: "client" };
  let vpsId: number;
  const ask = (input: Parameters<typeof requestAction>[3]) => requestAction(db.prisma, { kind: "user", actor: owner }, vpsId, input);
  const password = async () => (await readOwnRootPassword(db.prisma, owner, vpsId))?.password;
  const vps = () => db.prisma.vps.findUniqueOrThrow({ where: { id: vpsId }, omit: { rootPasswordEnc: false } });
  const eventsAfter = async (id: bigint) =>
    db.prisma.domainEvent.findMany({ where: { vpsId, id: { gt: id } }, orderBy: { id: "asc" }, select: { type: true, payload: true } });
  const lastEventId = async () => (await db.prisma.domainEvent.findFirst({ where: { vpsId }, orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0n;

  before(async () => {
    db = await openDatabase({ dataDir: mkdtempSync(path.join(tmpdir(), "ospab-apply-")) });
    await migrate(db);
    setDatabase(db);
    const u = await createUser(db.prisma, { email: "owner@example.com", password: "owner-password" });
    owner = { userId: u.id, role: "client" };
    // The admin's OS list (active plans' os_choices): what a VPS without an order may get.
    await db.prisma.plan.create({ data: { code: "p1", name: "P1", cpu: 1, ramMb: 1024, diskGb: 10, osChoices: ["Ubuntu 24.04", "AlmaLinux 9"] } });
    await db.prisma.plan.create({ data: { code: "old", name: "Old", cpu: 1, ramMb: 1024, diskGb: 10, osChoices: ["CentOS 6"], isActive: false } });
    vpsId = (await createVps(db.prisma, { userId: u.id, name: "web1", cpu: 2, ramMb: 2048, diskGb: 20, os: "Debian 12" })).id;
    await updateVps(db.prisma, vpsId, { status: "running", ipAddress: "203.0.113.5", rootPasswordEnc: encryptRootPassword("old-Passw0rd") });
  });
  after(async () => db?.close());

  it("reset_password: the new password replaces the stored one (encrypted), one vps.updated event, still revealable once", async () => {
    assert.equal(await password(), "old-Passw0rd");
    const since = await lastEventId();
    const r = await ask({ action: "reset_password" });
    await reportAction(db.prisma, r.id, { status: "in_progress", progress: 50 });
    assert.equal(await password(), "old-Passw0rd", "not before it is completed");
    const before = (await vps()).updatedAt;
    await reportAction(db.prisma, r.id, { status: "completed", result: { root_password: "N3w-reset-pass" } });
    assert.equal(await password(), "N3w-reset-pass");
    const row = await vps();
    assert.ok(row.rootPasswordEnc && !row.rootPasswordEnc.includes("N3w-reset-pass"), "stored sealed");
    assert.equal(row.os, "Debian 12", "reset_password leaves the OS alone");
    assert.ok(row.updatedAt > before);

    const evs = await eventsAfter(since);
    assert.deepEqual(evs.map((e) => e.type), ["vps.action_requested", "vps.action_progress", "vps.updated", "vps.action_resolved"]);
    assert.deepEqual((evs[2].payload as { changed: string[] }).changed, ["root_password"]);
    assert.equal(JSON.stringify(evs).includes("N3w-reset-pass"), false, "no event carries the password");
    const audit = await db.prisma.auditEntry.findMany({ where: { targetId: String(vpsId), action: "vps.updated" }, orderBy: { id: "desc" }, take: 1 });
    assert.deepEqual((audit[0].details as { changed: string[] }).changed, ["root_password"]);
    assert.equal(JSON.stringify(await db.prisma.auditEntry.findMany({ select: { details: true } })).includes("N3w-reset-pass"), false);

    assert.deepEqual(await revealActionResult(db.prisma, owner, vpsId, r.id), { root_password: "N3w-reset-pass" });
  });

  it("the same completed report again (a retry) applies nothing a second time", async () => {
    const r = await ask({ action: "reset_password" });
    await reportAction(db.prisma, r.id, { status: "completed", result: { root_password: "first-Passw0rd" } });
    const since = await lastEventId();
    const again = await reportAction(db.prisma, r.id, { status: "completed", result: { root_password: "second-Passw0rd" } });
    assert.equal(again.changed, false);
    assert.equal(await password(), "first-Passw0rd");
    assert.deepEqual(await eventsAfter(since), []);
  });

  it("reinstall: sets the requested OS and the new password", async () => {
    const r = await ask({ action: "reinstall", os: "Ubuntu 24.04", confirm: "web1" });
    const since = await lastEventId();
    const done = await reportAction(db.prisma, r.id, { status: "completed", result: { root_password: "reinst-Passw0rd" } });
    assert.equal(done.request.status, "completed");
    assert.equal((await vps()).os, "Ubuntu 24.04");
    assert.equal(await password(), "reinst-Passw0rd");
    const evs = await eventsAfter(since);
    const updated = evs.find((e) => e.type === "vps.updated")!;
    assert.deepEqual((updated.payload as { changed: string[] }).changed, ["root_password", "os"]);
    assert.equal((updated.payload as { vps: { os: string } }).vps.os, "Ubuntu 24.04");
    // The resolved event carries the VPS as it is now.
    const resolved = evs.find((e) => e.type === "vps.action_resolved")!;
    assert.equal((resolved.payload as { vps: { os: string } }).vps.os, "Ubuntu 24.04");
  });

  it("reinstall: the main site's result.os wins over the requested name", async () => {
    const r = await ask({ action: "reinstall", os: "AlmaLinux 9", confirm: "web1" });
    await reportAction(db.prisma, r.id, { status: "completed", result: { os: "AlmaLinux 9.5 (Teal Serval)", root_password: "deb-Passw0rd" } });
    assert.equal((await vps()).os, "AlmaLinux 9.5 (Teal Serval)");
  });

  it("reinstall: only the plan's or the admin's OS list (and the current OS) may be asked for", async () => {
    for (const os of ["Windows 95", "CentOS 6", "ubuntu 24.04"])
      await assert.rejects(ask({ action: "reinstall", os, confirm: "web1" }), (err: { status?: number; message?: string }) => err.status === 400 && /os must be one of: .*Ubuntu 24\.04, AlmaLinux 9/.test(String(err.message)), os);
    assert.equal(await db.prisma.vpsActionRequest.count({ where: { vpsId, action: "reinstall", params: { path: ["os"], equals: "Windows 95" } } }), 0);
  });

  it("a failed reinstall, a reset without a password and other actions change nothing", async () => {
    const before = await vps();
    const failed = await ask({ action: "reinstall", os: "AlmaLinux 9", confirm: "web1" });
    await reportAction(db.prisma, failed.id, { status: "failed", message: "Template missing" });
    const empty = await ask({ action: "reset_password" });
    await reportAction(db.prisma, empty.id, { status: "completed", result: { note: "no password" } });
    const blank = await ask({ action: "reset_password" });
    await reportAction(db.prisma, blank.id, { status: "completed", result: { root_password: "  " } });
    const rdns = await ask({ action: "set_rdns", ip: "203.0.113.5", hostname: "web1.example.com" });
    await reportAction(db.prisma, rdns.id, { status: "completed", result: { root_password: "not-for-rdns" } });
    const after = await vps();
    assert.equal(after.os, before.os);
    assert.equal(after.rootPasswordEnc, before.rootPasswordEnc);
    assert.equal(await password(), "deb-Passw0rd");
  });
});
