// The provisioning task's life, at the service level on a real PostgreSQL: an order is
// linked by the VPS the main site creates and finishes when that VPS is running with an IP
// and a root password; it fails on request or when its VPS fails.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { openDatabase, type Database } from "../../lib/db";
import { AppError } from "../../lib/errors";
import { migrate } from "../../lib/migrate";
import { createOrder, MAX_OPEN_ORDERS } from "../../lib/orders/create-order";
import { failOrder } from "../../lib/orders/fail-order";
import { getOrder, listOrders } from "../../lib/orders/list-orders";
import { createPlan, updatePlan } from "../../lib/plans/save-plan";
import { createUser } from "../../lib/users/create-user";
import { createVps } from "../../lib/vps/create-vps";
import { deleteVps } from "../../lib/vps/delete-vps";
import { syncVps } from "../../lib/vps/sync-vps";
import { updateVps } from "../../lib/vps/update-vps";
import { createTestDatabase } from "../support/pg";

describe("orders (service level)", () => {
  let tdb: Awaited<ReturnType<typeof createTestDatabase>>;
  let database: Database;
  let alice: { userId: number; role: "client" };
  let bob: { userId: number; role: "client" };
  let planId: number;

  const eventsOf = async (type: string) =>
    (await database.prisma.domainEvent.findMany({ where: { type }, orderBy: { id: "asc" } })).map((e) => e.payload as Record<string, unknown>);
  const rejects = (p: Promise<unknown>, status: number, re: RegExp) =>
    assert.rejects(p, (e: unknown) => e instanceof AppError && e.status === status && re.test(e.message));

  before(async () => {
    tdb = await createTestDatabase();
    database = await openDatabase({ databaseUrl: tdb.url });
    await migrate(database);
    const db = database.prisma;
    alice = { userId: (await createUser(db, { email: "alice@example.com", password: "alice-password" })).id, role: "client" };
    bob = { userId: (await createUser(db, { email: "bob@example.com", password: "bob-password-1" })).id, role: "client" };
    planId = (await createPlan(db, { code: "vps-pro", name: "VPS Pro", cpu: 2, ram: 4096, disk: 60, os_choices: ["Ubuntu 22.04 LTS", "Debian 12"], description: "", price_monthly: 899, is_active: true })).id;
  });
  after(async () => {
    await database?.close();
    await tdb?.drop();
  });

  it("creates an in_progress order and an order.created event with what the main site needs", async () => {
    const order = await createOrder(database.prisma, alice, { planId, os: "debian 12" });
    assert.equal(order.status, "in_progress");
    assert.equal(order.os, "Debian 12", "OS matched case-insensitively, stored as the plan spells it");
    assert.deepEqual(order.plan, { id: planId, code: "vps-pro", name: "VPS Pro", cpu: 2, ram: 4096, disk: 60 });
    const [ev] = (await eventsOf("order.created")).filter((p) => p.order_id === order.id);
    assert.equal(ev.user_id, alice.userId);
    assert.equal(ev.os, "Debian 12");
    assert.deepEqual(ev.plan, { id: planId, code: "vps-pro", name: "VPS Pro", cpu: 2, ram: 4096, disk: 60 });
  });

  it("refuses an OS the plan does not offer, an inactive plan, and changes nothing", async () => {
    const before = await database.prisma.order.count();
    await rejects(createOrder(database.prisma, alice, { planId, os: "Windows 95" }), 400, /not offered.*Ubuntu 22.04 LTS, Debian 12/);
    const retired = await createPlan(database.prisma, { code: "old", name: "Old", cpu: 1, ram: 512, disk: 10, os_choices: ["CentOS 7"], description: "", price_monthly: null, is_active: false });
    await rejects(createOrder(database.prisma, alice, { planId: retired.id }), 404, /not available/);
    await rejects(createOrder(database.prisma, alice, { planId: 999999 }), 404, /not found/);
    assert.equal(await database.prisma.order.count(), before);
  });

  it("finishes only when the linked VPS is running with an IP and a root password", async () => {
    const db = database.prisma;
    const order = await createOrder(db, alice, { planId });
    await rejects(createVps(db, { userId: bob.userId, name: "x", cpu: 2, ramMb: 4096, diskGb: 60, os: "Ubuntu 22.04 LTS", orderId: order.id }), 422, /another user/);
    await rejects(createVps(db, { userId: alice.userId, name: "x", cpu: 2, ramMb: 4096, diskGb: 60, os: "Ubuntu 22.04 LTS", orderId: 424242 }), 422, /Unknown order_id/);
    const vps = await createVps(db, { userId: alice.userId, name: `vps-pro-${order.id}`, cpu: 2, ramMb: 4096, diskGb: 60, os: order.os, orderId: order.id });
    await rejects(createVps(db, { userId: alice.userId, name: "twice", cpu: 2, ramMb: 4096, diskGb: 60, os: order.os, orderId: order.id }), 409, /already linked/);
    assert.equal((await getOrder(db, alice, order.id)).vps?.id, vps.id);

    await updateVps(db, vps.id, { status: "running" });
    assert.equal((await getOrder(db, alice, order.id)).status, "in_progress", "no IP yet");
    await updateVps(db, vps.id, { ipAddress: "203.0.113.50" });
    assert.equal((await getOrder(db, alice, order.id)).status, "in_progress", "no root password yet");
    // The sync API stores the root password encrypted; here the column is set directly.
    await db.vps.update({ where: { id: vps.id }, data: { rootPasswordEnc: "sealed" } });
    await updateVps(db, vps.id, { name: "web-1" });
    const done = await getOrder(db, alice, order.id);
    assert.equal(done.status, "finished");
    assert.ok(done.finished_at);
    assert.deepEqual(done.vps, { id: vps.id, name: "web-1", status: "running", ip_address: "203.0.113.50" });
    const changes = (await eventsOf("order.status_changed")).filter((p) => p.order_id === order.id);
    assert.equal(changes.length, 1);
    assert.equal(changes[0].status, "finished");
    assert.equal(changes[0].vps_id, vps.id);
    await rejects(failOrder(db, order.id, "too late"), 409, /already finished/);
  });

  it("a VPS created ready finishes its order at once; a VPS in error fails it", async () => {
    const db = database.prisma;
    const a = await createOrder(db, alice, { planId });
    const b = await createOrder(db, alice, { planId });
    const va = await createVps(db, { userId: alice.userId, name: "ready", cpu: 2, ramMb: 4096, diskGb: 60, os: a.os, orderId: a.id, status: "running", ipAddress: "203.0.113.51" });
    await db.vps.update({ where: { id: va.id }, data: { rootPasswordEnc: "sealed" } });
    await updateVps(db, va.id, { status: "running" });
    assert.equal((await getOrder(db, alice, a.id)).status, "finished");
    const vb = await createVps(db, { userId: alice.userId, name: "doomed", cpu: 2, ramMb: 4096, diskGb: 60, os: b.os, orderId: b.id });
    await updateVps(db, vb.id, { status: "error" });
    const failed = await getOrder(db, alice, b.id);
    assert.equal(failed.status, "error");
    assert.match(failed.error_message ?? "", /could not be built/);
  });

  it("a linked VPS deleted before it is ready fails its order", async () => {
    const db = database.prisma;
    const order = await createOrder(db, alice, { planId });
    const vps = await createVps(db, { userId: alice.userId, name: "short-lived", cpu: 2, ramMb: 4096, diskGb: 60, os: order.os, orderId: order.id });
    await deleteVps(db, vps.id);
    const after = await getOrder(db, alice, order.id);
    assert.equal(after.status, "error");
    assert.match(after.error_message ?? "", /deleted before it was ready/);
    assert.equal(after.vps, null);
  });

  it("a retried sync create with order_id (no Idempotency-Key) answers with the VPS already made", async () => {
    const db = database.prisma;
    const order = await createOrder(db, alice, { planId });
    const create = { action: "create" as const, vps: { user_id: alice.userId, name: `vps-pro-${order.id}`, cpu: 2, ram: 4096, disk: 60, os: order.os, order_id: order.id, status: "creating" as const, hypervisor: "proxmox" } };
    const first = await syncVps(db, create);
    const again = await syncVps(db, create);
    assert.equal(first.httpStatus, 201);
    assert.equal(again.httpStatus, 200);
    assert.equal(again.duplicate, true);
    assert.equal(again.vps.id, first.vps.id);
    // A different VPS for the same order is still refused.
    await rejects(syncVps(db, { ...create, vps: { ...create.vps, name: "other" } }), 409, /already linked/);
    // The main site confirms it ready through sync update: the order finishes.
    await syncVps(db, { action: "update", vps: { id: first.vps.id, status: "running", ip_address: "203.0.113.60", root_password: "Pa55-word" } } as never);
    assert.equal((await getOrder(db, alice, order.id)).status, "finished");
  });

  it("the main site fails an order with a reason; failing again keeps the first reason", async () => {
    const db = database.prisma;
    const order = await createOrder(db, alice, { planId });
    const failed = await failOrder(db, order.id, "Нет свободных ресурсов в локации");
    assert.equal(failed.status, "error");
    assert.equal(failed.error_message, "Нет свободных ресурсов в локации");
    assert.equal((await failOrder(db, order.id, "other")).error_message, "Нет свободных ресурсов в локации");
    assert.equal((await eventsOf("order.status_changed")).filter((p) => p.order_id === order.id).length, 1);
    await rejects(failOrder(db, 999999, "x"), 404, /not found/);
  });

  it("owners see their own orders only; admins everyone's", async () => {
    const db = database.prisma;
    const mine = await listOrders(db, alice);
    assert.ok(mine.length >= 4 && mine.every((o) => o.user_id === alice.userId));
    assert.deepEqual(await listOrders(db, bob), []);
    await rejects(getOrder(db, bob, mine[0].id), 404, /not found/);
    const admin = { userId: bob.userId, role: "admin" as const };
    assert.equal((await listOrders(db, admin, { all: true })).length, mine.length);
    assert.equal((await getOrder(db, admin, mine[0].id)).id, mine[0].id);
  });

  it(`caps a client's unfinished orders at ${MAX_OPEN_ORDERS}, even when ordered at once`, async () => {
    const db = database.prisma;
    const open = await db.order.count({ where: { userId: bob.userId, status: "in_progress" } });
    const results = await Promise.allSettled(Array.from({ length: MAX_OPEN_ORDERS + 3 }, () => createOrder(db, bob, { planId })));
    assert.equal(results.filter((r) => r.status === "fulfilled").length, MAX_OPEN_ORDERS - open);
    const refused = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    assert.ok(refused.every((r) => r.reason instanceof AppError && r.reason.status === 429));
  });

  it("plan edits validate uniqueness of the code", async () => {
    const db = database.prisma;
    const other = await createPlan(db, { code: "vps-start", name: "Start", cpu: 1, ram: 1024, disk: 20, os_choices: ["Debian 12"], description: "", price_monthly: 299, is_active: true });
    await rejects(updatePlan(db, other.id, { code: "vps-pro" }), 409, /already exists/);
    await rejects(updatePlan(db, 999999, { name: "x" }), 404, /not found/);
    assert.equal((await updatePlan(db, other.id, { is_active: false })).is_active, false);
  });
});
