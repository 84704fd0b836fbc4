// The VPS services' SQL (one-statement create/update with events and NOTIFY, soft
// delete, the create fingerprint) on both engines: embedded PGlite and PostgreSQL.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret-0123456789abcdef";
process.env.DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "ospab-int-"));

const { migrate } = await import("../../lib/migrate");
const { createVps } = await import("../../lib/vps/create-vps");
const { updateVps } = await import("../../lib/vps/update-vps");
const { deleteVps } = await import("../../lib/vps/delete-vps");
const { syncVps } = await import("../../lib/vps/sync-vps");
const { decryptRootPassword } = await import("../../lib/vps/root-password");
const { readOwnRootPassword } = await import("../../lib/vps/root-password-access");
const { engines: enginesFor } = await import("../support/engines");
type Database = import("../support/engines").Database;

const engines = enginesFor("ospab_int", 4);

for (const [engine, open] of engines) {
  describe(`VPS services on ${engine}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    let userId: number;
    const events = async (vpsId: number) =>
      db.sql.query<{ type: string; payload: Record<string, unknown> }>("SELECT type, payload FROM domain_events WHERE vps_id = $1 ORDER BY id", [vpsId]);

    before(async () => {
      ({ db, drop } = await open());
      await migrate(db);
      userId = (await db.prisma.user.create({ data: { email: `svc-${engine}@example.com`, passwordHash: "x" } })).id;
    });
    after(async () => drop());

    it("create writes the row and vps.created (the payload is the returned view) in one go", async () => {
      const v = await createVps(db.prisma, { userId, name: "a", cpu: 2, ramMb: 2048, diskGb: 20, os: "Debian 12" });
      assert.deepEqual([v.status, v.hypervisor, v.user_id], ["creating", "proxmox", userId]);
      const row = await db.prisma.vps.findUniqueOrThrow({ where: { id: v.id } });
      assert.equal(row.createdAt.toISOString(), v.created_at);
      const [ev] = await events(v.id);
      assert.equal(ev.type, "vps.created");
      assert.deepEqual(ev.payload.vps, v);
    });

    it("an unknown owner is a 422, not a crash", async () => {
      await assert.rejects(createVps(db.prisma, { userId: 999_999, name: "x", cpu: 1, ramMb: 1, diskGb: 1, os: "x" }), (e: { status?: number }) => e.status === 422);
    });

    it("update records status_changed and updated with what changed; nothing changed, no event", async () => {
      const v = await createVps(db.prisma, { userId, name: "b", cpu: 1, ramMb: 1024, diskGb: 10, os: "Debian 12" });
      const u = await updateVps(db.prisma, v.id, { status: "running", ipAddress: "198.51.100.1", rootPasswordEnc: null, cpu: 1 });
      assert.deepEqual([u.status, u.ip_address, u.cpu], ["running", "198.51.100.1", 1]);
      const evs = await events(v.id);
      assert.deepEqual(evs.map((e) => e.type), ["vps.created", "vps.status_changed", "vps.updated"]);
      assert.equal(evs[1].payload.previous_status, "creating");
      assert.deepEqual(evs[2].payload.changed, ["ip_address"]);
      assert.deepEqual(evs[2].payload.vps, u);
      await updateVps(db.prisma, v.id, { status: "running" });
      assert.equal((await events(v.id)).length, 3);
      await assert.rejects(updateVps(db.prisma, 987_654, { status: "running" }), (e: { status?: number }) => e.status === 404);
    });

    it("sync: root password stored encrypted, natural-key dedup, delete releases it", async () => {
      const body = { user_id: userId, name: "c", cpu: 2, ram: 2048, disk: 40, os: "Debian 12", status: "creating" as const, hypervisor: "proxmox", root_password: "pw-1" };
      const first = await syncVps(db.prisma, { action: "create", vps: body });
      const again = await syncVps(db.prisma, { action: "create", vps: body });
      assert.deepEqual([first.httpStatus, again.httpStatus, again.duplicate, again.vps.id], [201, 200, true, first.vps.id]);
      const row = await db.prisma.vps.findUniqueOrThrow({ where: { id: first.vps.id }, select: { rootPasswordEnc: true } });
      assert.equal(decryptRootPassword(row.rootPasswordEnc!), "pw-1");
      await syncVps(db.prisma, { action: "delete", vps: { id: first.vps.id } });
      await assert.rejects(deleteVps(db.prisma, first.vps.id), (e: { status?: number }) => e.status === 404);
      const recreated = await syncVps(db.prisma, { action: "create", vps: body });
      assert.equal(recreated.httpStatus, 201);
      assert.notEqual(recreated.vps.id, first.vps.id);
    });

    it("a root password is read by the VPS owner only: not by an admin, not by another client, not once deleted", async () => {
      const admin = await db.prisma.user.create({ data: { email: `svc-admin-${engine}@example.com`, passwordHash: "x", role: "admin" } });
      const other = await db.prisma.user.create({ data: { email: `svc-other-${engine}@example.com`, passwordHash: "x" } });
      const body = { user_id: userId, name: "owner-only", cpu: 1, ram: 1024, disk: 10, os: "Debian 12", status: "running" as const, hypervisor: "proxmox", root_password: "pw-owner" };
      const { vps } = await syncVps(db.prisma, { action: "create", vps: body });
      assert.deepEqual(await readOwnRootPassword(db.prisma, { userId }, vps.id), { password: "pw-owner" });
      assert.equal(await readOwnRootPassword(db.prisma, { userId: admin.id }, vps.id), null);
      assert.equal(await readOwnRootPassword(db.prisma, { userId: other.id }, vps.id), null);
      await syncVps(db.prisma, { action: "delete", vps: { id: vps.id } });
      assert.equal(await readOwnRootPassword(db.prisma, { userId }, vps.id), null);
    });

    it("a fingerprint older than 24 hours no longer blocks a create", async () => {
      const body = { user_id: userId, name: "d", cpu: 2, ram: 2048, disk: 40, os: "Debian 12", status: "creating" as const, hypervisor: "proxmox" };
      const first = await syncVps(db.prisma, { action: "create", vps: body });
      await db.sql.query("UPDATE vps SET created_at = created_at - interval '25 hours' WHERE id = $1", [first.vps.id]);
      const second = await syncVps(db.prisma, { action: "create", vps: body });
      assert.equal(second.httpStatus, 201);
      assert.notEqual(second.vps.id, first.vps.id);
    });
  });
}
