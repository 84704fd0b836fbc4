// The two VPS list queries (lib/vps/list-vps.ts) on PostgreSQL: the owner's pages never
// hold another user's or a deleted VPS; search, status, order and pages come from one
// query; the admin list is every VPS and refuses clients.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret-0123456789abcdef";
process.env.DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "ospab-int-"));

const { openDatabase } = await import("../../lib/db");
const { migrate } = await import("../../lib/migrate");
const { adminVpsQuerySchema } = await import("../../lib/admin/list-params");
const { listAllVps, listOwnVps, queryOwnVps } = await import("../../lib/vps/list-vps");
const { parseVpsFilter } = await import("../../lib/vps/vps-filter-params");
const { AppError } = await import("../../lib/errors");
const { createTestDatabase } = await import("../support/pg");

describe("VPS list queries on PostgreSQL", () => {
  let db: Awaited<ReturnType<typeof openDatabase>>;
  let drop: () => Promise<void>;
  let alice: { userId: number; role: "client" };
  let bob: { userId: number; role: "client" };
  const admin = { userId: 0, role: "admin" as const };

  before(async () => {
    const t = await createTestDatabase("ospab_lists");
    db = await openDatabase({ databaseUrl: t.url, poolSize: 2 });
    drop = async () => {
      await db.close();
      await t.drop();
    };
    await migrate(db);
    const mk = async (email: string) => (await db.prisma.user.create({ data: { email, passwordHash: "x" } })).id;
    alice = { userId: await mk("alice@example.com"), role: "client" };
    bob = { userId: await mk("bob@example.com"), role: "client" };
    const rows = Array.from({ length: 12 }, (_, i) => ({
      userId: alice.userId,
      name: `a-${String(i).padStart(2, "0")}`,
      status: i % 3 === 0 ? ("stopped" as const) : ("running" as const),
      cpu: 1, ramMb: 1024, diskGb: 20, os: i % 2 ? "Debian 12" : "Ubuntu 24.04",
      ipAddress: `203.0.113.${i}`,
      createdAt: new Date(Date.UTC(2026, 0, 1 + i)),
    }));
    await db.prisma.vps.createMany({ data: rows });
    await db.prisma.vps.create({ data: { userId: bob.userId, name: "b-secret", status: "running", cpu: 1, ramMb: 1024, diskGb: 20, os: "Debian 12" } });
    await db.prisma.vps.create({ data: { userId: alice.userId, name: "a-gone", status: "running", cpu: 1, ramMb: 1024, diskGb: 20, os: "Debian 12", deletedAt: new Date() } });
  });
  after(async () => drop?.());

  it("pages the owner's own VPS newest first, with the totals the dashboard shows", async () => {
    const p1 = await queryOwnVps(db.prisma, alice, parseVpsFilter({}), { page: 1, perPage: 5 });
    assert.deepEqual([p1.total, p1.ownTotal, p1.pages, p1.page], [12, 12, 3, 1]);
    assert.deepEqual(p1.items.map((v) => v.name), ["a-11", "a-10", "a-09", "a-08", "a-07"]);
    const p3 = await queryOwnVps(db.prisma, alice, parseVpsFilter({}), { page: 3, perPage: 5 });
    assert.deepEqual(p3.items.map((v) => v.name), ["a-01", "a-00"]);
    const past = await queryOwnVps(db.prisma, alice, parseVpsFilter({}), { page: 9, perPage: 5 });
    assert.equal(past.page, 3);
  });

  it("filters, searches and sorts in the same query; ownTotal stays the whole list", async () => {
    const stopped = await queryOwnVps(db.prisma, alice, parseVpsFilter({ status: "stopped", sort: "name" }), { page: 1, perPage: 50 });
    assert.deepEqual(stopped.items.map((v) => v.name), ["a-00", "a-03", "a-06", "a-09"]);
    assert.deepEqual([stopped.total, stopped.ownTotal], [4, 12]);
    const byIp = await queryOwnVps(db.prisma, alice, parseVpsFilter({ q: "203.0.113.7" }), { page: 1, perPage: 50 });
    assert.deepEqual(byIp.items.map((v) => v.name), ["a-07"]);
  });

  it("never returns another user's or a deleted VPS, whatever the search", async () => {
    for (const q of ["", "b-secret", "secret", "gone", "Debian"]) {
      const r = await queryOwnVps(db.prisma, alice, parseVpsFilter({ q }), { page: 1, perPage: 100 });
      assert.ok(r.items.every((v) => v.user_id === alice.userId && !v.name.startsWith("b-") && v.name !== "a-gone"), q);
    }
    assert.deepEqual((await listOwnVps(db.prisma, bob)).map((v) => v.name), ["b-secret"]);
    assert.equal((await listOwnVps(db.prisma, alice)).length, 12);
  });

  it("the admin list is every undeleted VPS with its owner, and refuses clients", async () => {
    const all = await listAllVps(db.prisma, admin, adminVpsQuerySchema.parse({ per_page: "100" }));
    assert.equal(all.total, 13);
    assert.equal(all.items.find((v) => v.name === "b-secret")?.owner.email, "bob@example.com");
    const bobs = await listAllVps(db.prisma, admin, adminVpsQuerySchema.parse({ owner: "bob@" }));
    assert.deepEqual(bobs.items.map((v) => v.name), ["b-secret"]);
    await assert.rejects(listAllVps(db.prisma, alice, adminVpsQuerySchema.parse({})), (err) => err instanceof AppError && err.status === 403);
  });
});
