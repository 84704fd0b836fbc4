// The outbox relay: events recorded by lib services are published exactly once and in the
// order they were recorded — also when two panel processes (two relays, two pools) share
// one PostgreSQL database.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { openDatabase, type Database } from "../../lib/db";
import { startRelay, type RelayedEvent, type Relay } from "../../lib/events/relay";
import { migrate } from "../../lib/migrate";
import { createUser } from "../../lib/users/create-user";
import { createVps } from "../../lib/vps/create-vps";
import { updateVps } from "../../lib/vps/update-vps";
import type { VpsStatus } from "../../lib/vps/view";
import { unconsumedSql } from "../support/events";
import { ROOT } from "../support/panel";
import { createTestDatabase } from "../support/pg";

const MIGRATIONS = path.join(ROOT, "prisma/migrations");
const vpsInput = (userId: number, name: string) => ({ userId, name, cpu: 1, ramMb: 1024, diskGb: 20, os: "Debian 12" });

async function outboxIds(db: Database): Promise<string[]> {
  return (await db.sql.query<{ id: string }>("SELECT id::text AS id FROM domain_events ORDER BY domain_events.id")).map((r) => r.id);
}

async function waitUntilRelayed(db: Database, relays: Relay[]) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    for (const r of relays) await r.drain();
    const [{ n }] = await db.sql.query<{ n: string | number }>(unconsumedSql("relay"));
    if (Number(n) === 0) return;
    if (Date.now() > deadline) throw new Error(`${n} events were never relayed`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const ascending = (ids: string[]) => ids.every((id, i) => i === 0 || BigInt(ids[i - 1]) < BigInt(id));

describe("outbox relay, one process (PGlite)", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "ospab-relay-"));
  let db: Database;
  before(async () => {
    db = await openDatabase({ dataDir });
    await migrate(db, MIGRATIONS);
  });
  after(async () => {
    await db?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("publishes each recorded event once, in the order recorded, with its payload", async () => {
    const published: RelayedEvent[] = [];
    const relay = startRelay(db, (e) => published.push(e), { intervalMs: 100 });
    try {
      const user = await createUser(db.prisma, { email: "relay@example.com", password: "relay-password-1" });
      const vps = await createVps(db.prisma, vpsInput(user.id, "relay-1"));
      const statuses: VpsStatus[] = ["running", "stopped", "running", "error"];
      for (const status of statuses) await updateVps(db.prisma, vps.id, { status });
      await updateVps(db.prisma, vps.id, { name: "relay-renamed" });
      await updateVps(db.prisma, vps.id, { status: "error" }); // no change: no event
      await waitUntilRelayed(db, [relay]);
      // Let the safety-net timer fire a few more times: nothing may be published again.
      await new Promise((r) => setTimeout(r, 350));

      assert.deepEqual(published.map((e) => e.id), await outboxIds(db));
      assert.deepEqual(
        published.map((e) => e.type),
        ["user.created", "vps.created", ...statuses.map(() => "vps.status_changed"), "vps.updated"],
      );
      const changes = published.filter((e) => e.type === "vps.status_changed").map((e) => e.payload as { vps: { status: string }; previous_status: string });
      assert.deepEqual(changes.map((c) => c.vps.status), statuses);
      assert.deepEqual(changes.map((c) => c.previous_status), ["creating", "running", "stopped", "running"]);
      assert.ok(published.every((e) => e.userId === user.id));
      assert.deepEqual((published.at(-1)!.payload as { changed: string[] }).changed, ["name"]);
    } finally {
      await relay.stop();
    }
  });
});

describe("outbox relay, two processes on one PostgreSQL database", () => {
  let pg: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: Database;
  let b: Database;
  before(async () => {
    pg = await createTestDatabase("ospab_relay");
    a = await openDatabase({ databaseUrl: pg.url, poolSize: 5 });
    b = await openDatabase({ databaseUrl: pg.url, poolSize: 5 });
    await migrate(a, MIGRATIONS);
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await pg?.drop();
  });

  it("no event is published twice or lost, and each relay publishes in recorded order", async () => {
    const byRelay: Record<"a" | "b", RelayedEvent[]> = { a: [], b: [] };
    // A short timer makes the two relays compete for the same rows as often as possible.
    const ra = startRelay(a, (e) => byRelay.a.push(e), { intervalMs: 5 });
    const rb = startRelay(b, (e) => byRelay.b.push(e), { intervalMs: 5 });
    try {
      const user = await createUser(a.prisma, { email: "relay-pg@example.com", password: "relay-password-1" });
      // A burst of concurrent writes through both processes' pools...
      const created = await Promise.all(
        Array.from({ length: 40 }, (_, i) => createVps((i % 2 ? b : a).prisma, vpsInput(user.id, `burst-${i}`))),
      );
      // ...then a sequence of status changes written one after another.
      const statuses: VpsStatus[] = ["running", "stopped", "running", "suspended", "running"];
      for (const [i, status] of statuses.entries()) await updateVps((i % 2 ? b : a).prisma, created[0].id, { status });
      await waitUntilRelayed(a, [ra, rb]);
      await new Promise((r) => setTimeout(r, 100));

      const all = [...byRelay.a, ...byRelay.b].map((e) => e.id);
      const ids = await outboxIds(a);
      assert.equal(ids.length, 1 + created.length + statuses.length);
      assert.equal(new Set(all).size, all.length, "an event was published twice");
      assert.deepEqual([...all].sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1)), ids, "published ≠ recorded");
      // Sequential writes commit in id order, so each relay sees them ascending.
      const sequence = ids.slice(-statuses.length);
      for (const name of ["a", "b"] as const) {
        const mine = byRelay[name].map((e) => e.id).filter((id) => sequence.includes(id));
        assert.ok(ascending(mine), `relay ${name} published the status sequence out of order: ${mine.join(",")}`);
      }
      const seen = [...byRelay.a, ...byRelay.b]
        .filter((e) => sequence.includes(e.id))
        .sort((x, y) => (BigInt(x.id) < BigInt(y.id) ? -1 : 1))
        .map((e) => (e.payload as { vps: { status: string } }).vps.status);
      assert.deepEqual(seen, statuses);
    } finally {
      await ra.stop();
      await rb.stop();
    }
  });
});
