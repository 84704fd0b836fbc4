// The outbox consumers' cursors (lib/events/cursor.ts) on PostgreSQL: events that commit out
// of id order are still relayed and queued once, a gap (an id that never commits) is given up
// after its time to live, several processes never relay or queue an event twice, a relay
// started again resumes where the cursor stands (also for a gap that committed while it
// was down), and deleting old events does not disturb the cursors.
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import pg from "pg";
import { openDatabase, type Database } from "../../lib/db";
import { OutboxCursor } from "../../lib/events/cursor";
import { startRelay, type Relay, type RelayedEvent } from "../../lib/events/relay";
import { migrate } from "../../lib/migrate";
import { createWebhook } from "../../lib/webhooks/create-webhook";
import { fanOutEvents } from "../../lib/webhooks/fan-out";
import { unconsumedSql } from "../support/events";
import { ROOT } from "../support/panel";
import { createTestDatabase } from "../support/pg";

const MIGRATIONS = path.join(ROOT, "prisma/migrations");
const INSERT = `INSERT INTO domain_events (type, payload) VALUES ('vps.status_changed', jsonb_build_object('n', $1::int)) RETURNING id::text AS id`;

async function until(what: string, fn: () => Promise<boolean> | boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("outbox cursors on PostgreSQL", () => {
  let server: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: Database;
  let b: Database;
  const clients: pg.Client[] = [];
  let n = 0;
  /** A writer of its own, holding its transaction open until told to commit or roll back. */
  async function openWriter() {
    const c = new pg.Client({ connectionString: server.url });
    await c.connect();
    clients.push(c);
    await c.query("BEGIN");
    const { rows } = await c.query<{ id: string }>(INSERT, [++n]);
    return { id: rows[0].id, commit: () => c.query("COMMIT"), rollback: () => c.query("ROLLBACK") };
  }
  const write = async (db: Database) => (await db.sql.query<{ id: string }>(INSERT, [++n]))[0].id;
  const cursor = async (consumer: string) =>
    (await a.sql.query<{ position: string; gaps: Record<string, number> }>("SELECT position::text AS position, gaps FROM outbox_cursors WHERE consumer = $1", [consumer]))[0];
  const deliveriesPerEvent = async () =>
    new Map((await a.sql.query<{ id: string; n: number }>("SELECT event_id::text AS id, count(*)::int AS n FROM webhook_deliveries GROUP BY event_id")).map((r) => [r.id, r.n]));
  const fanOutAll = async (db: Database) => {
    for (let i = 0; i < 50 && (await fanOutEvents(db)).read > 0; i++);
  };

  before(async () => {
    server = await createTestDatabase("ospab_cursors");
    a = await openDatabase({ databaseUrl: server.url, poolSize: 4 });
    b = await openDatabase({ databaseUrl: server.url, poolSize: 4 });
    await migrate(a, MIGRATIONS);
    await createWebhook(a.prisma, { name: "cursors", url: "http://127.0.0.1:9/hook", event_type: ["vps.status_changed"], secret: "cursor-secret-0123456789" }, { allowPrivate: true });
  });
  beforeEach(async () => {
    // Each test starts with both cursors past everything so far.
    await a.sql.exec(`UPDATE outbox_cursors SET position = COALESCE((SELECT max(id) FROM domain_events), 0), gaps = '{}', version = version + 1`);
  });
  after(async () => {
    for (const c of clients) await c.end().catch(() => {});
    await a?.close();
    await b?.close();
    await server?.drop();
  });

  it("the migration left one cursor per consumer, and the outbox has no consumer columns", async () => {
    const consumers = await a.sql.query<{ consumer: string }>("SELECT consumer FROM outbox_cursors ORDER BY consumer");
    assert.deepEqual(consumers.map((c) => c.consumer), ["relay", "webhooks"]);
    const cols = await a.sql.query<{ column_name: string }>("SELECT column_name FROM information_schema.columns WHERE table_name = 'domain_events'");
    assert.ok(!cols.some((c) => /relayed|queued/.test(c.column_name)), cols.map((c) => c.column_name).join(","));
  });

  it("an event that commits after a later one is relayed and queued once, when it commits", async () => {
    const published: RelayedEvent[] = [];
    const relay = startRelay(a, (e) => published.push(e), { intervalMs: 20 });
    try {
      const slow = await openWriter(); // takes id k, commits last
      const fast = await write(a); // id k+1, committed first
      await until("the later event to be relayed", () => published.some((e) => e.id === fast));
      await fanOutAll(a);
      assert.ok(BigInt(fast) > BigInt(slow.id));
      assert.ok(!published.some((e) => e.id === slow.id));
      assert.ok(slow.id in (await cursor("relay")).gaps, "the earlier id is a gap of the relay");
      assert.ok(slow.id in (await cursor("webhooks")).gaps, "the earlier id is a gap of the fan-out");

      await slow.commit();
      await until("the earlier event to be relayed", () => published.some((e) => e.id === slow.id));
      await fanOutAll(a);
      await new Promise((r) => setTimeout(r, 100)); // a few more timer runs
      await relay.drain();
      assert.deepEqual(published.map((e) => e.id), [fast, slow.id], "each once, in commit order");
      assert.deepEqual((await cursor("relay")).gaps, {});
      assert.deepEqual((await cursor("webhooks")).gaps, {});
      const d = await deliveriesPerEvent();
      assert.equal(d.get(fast), 1);
      assert.equal(d.get(slow.id), 1);
    } finally {
      await relay.stop();
    }
  });

  it("a gap that never commits is given up after its time to live; the cursor keeps going", async () => {
    let now = Date.now();
    const published: RelayedEvent[] = [];
    const relay = startRelay(a, (e) => published.push(e), { intervalMs: 60_000, cursor: { gapTtlMs: 60_000, maxGaps: 100 }, now: () => now });
    try {
      const lost = await openWriter();
      await lost.rollback(); // its id is never used
      const next = await write(a);
      await relay.drain();
      assert.deepEqual(published.map((e) => e.id), [next]);
      assert.deepEqual(Object.keys((await cursor("relay")).gaps), [lost.id]);

      now += 59_000;
      await relay.drain();
      assert.deepEqual(Object.keys((await cursor("relay")).gaps), [lost.id], "kept until its time to live");
      now += 1_000;
      await relay.drain();
      const c = await cursor("relay");
      assert.deepEqual(c.gaps, {}, "given up");
      assert.equal(c.position, next);
      const later = await write(a);
      await relay.drain();
      assert.deepEqual(published.map((e) => e.id), [next, later]);
    } finally {
      await relay.stop();
    }
  });

  it("two processes: every event relayed once and queued once, out-of-order commits included", async () => {
    const byRelay: Record<"a" | "b", RelayedEvent[]> = { a: [], b: [] };
    const relays: Relay[] = [startRelay(a, (e) => byRelay.a.push(e), { intervalMs: 5 }), startRelay(b, (e) => byRelay.b.push(e), { intervalMs: 5 })];
    let fanning = true;
    const fanOuts = [a, b].map(async (db) => {
      while (fanning) {
        await fanOutEvents(db);
        await new Promise((r) => setTimeout(r, 2));
      }
    });
    try {
      const expected: string[] = [];
      for (let round = 0; round < 8; round++) {
        const held = await Promise.all([openWriter(), openWriter()]);
        expected.push(...held.map((h) => h.id));
        expected.push(...(await Promise.all(Array.from({ length: 10 }, (_, i) => write(i % 2 ? b : a)))));
        await new Promise((r) => setTimeout(r, 15));
        await held[1].commit();
        await held[0].commit();
      }
      await until("all events relayed and queued", async () => (await a.sql.query<{ n: number }>(unconsumedSql()))[0].n === 0);
      await new Promise((r) => setTimeout(r, 100));
      fanning = false;
      await Promise.all(fanOuts);
      for (const r of relays) await r.drain();

      const all = [...byRelay.a, ...byRelay.b].map((e) => e.id);
      assert.equal(new Set(all).size, all.length, "an event was relayed twice");
      assert.deepEqual([...all].sort(), [...expected].sort(), "relayed ≠ written");
      assert.ok(byRelay.a.length > 0 && byRelay.b.length > 0, "both relays took part");
      const d = await deliveriesPerEvent();
      for (const id of expected) assert.equal(d.get(id), 1, `event ${id} queued ${d.get(id) ?? 0} times`);
    } finally {
      fanning = false;
      await Promise.all(fanOuts);
      for (const r of relays) await r.stop();
    }
  });

  it("a relay started again resumes from its cursor: nothing replayed, nothing missed, a gap that committed meanwhile included", async () => {
    const first: RelayedEvent[] = [];
    let relay = startRelay(a, (e) => first.push(e), { intervalMs: 20 });
    const held = await openWriter();
    const before = [await write(a), await write(a)];
    await until("the first relay to publish", () => first.length === 2);
    await relay.stop();

    // While no relay runs: the held event commits, more are written, and retention deletes
    // old events (the earlier tests').
    await held.commit();
    const whileDown = [await write(a), await write(a)];
    const deleted = await a.sql.query("DELETE FROM domain_events WHERE id < $1::bigint RETURNING id", [held.id]);
    assert.ok(deleted.length > 10);

    const second: RelayedEvent[] = [];
    relay = startRelay(a, (e) => second.push(e), { intervalMs: 20 });
    try {
      await until("the second relay to publish", () => second.length >= 3);
      await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(first.map((e) => e.id), before);
      assert.deepEqual(second.map((e) => e.id).sort(), [held.id, ...whileDown].sort());
      const after = await write(a);
      await until("an event after the deletion", () => second.some((e) => e.id === after));
      assert.equal((await a.sql.query<{ n: number }>(unconsumedSql("relay")))[0].n, 0);
    } finally {
      await relay.stop();
    }
  });

  it("a batch is the lowest ids above the position, in number order, also across a power of ten (9999, 10000)", async () => {
    const [{ max }] = await a.sql.query<{ max: string | null }>("SELECT max(id)::text AS max FROM domain_events");
    const boundary = 10n ** BigInt(String(BigInt(max ?? "0") + 10n).length);
    await a.sql.query("SELECT setval('domain_events_id_seq', $1::bigint)", [String(boundary - 4n)]);
    await a.sql.query("UPDATE outbox_cursors SET position = $1::bigint, gaps = '{}', version = version + 1 WHERE consumer = 'relay'", [String(boundary - 4n)]);
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push(await write(a));
    assert.deepEqual(ids, Array.from({ length: 8 }, (_, i) => String(boundary - 3n + BigInt(i))));
    const conn = a.ownConnection();
    try {
      const read = await new OutboxCursor(conn.run, "relay").read(4);
      assert.deepEqual(read.rows.map((r) => r.id), ids.slice(0, 4), "the four lowest ids");
      assert.equal(read.next.position, BigInt(ids[3]));
      assert.deepEqual([...read.next.gaps.keys()], [], "nothing skipped");
      assert.ok(read.rows.every((r) => r.payload !== null), "every payload, unless told which types");
      // The fan-out asks only for the types a webhook wants: the other rows come without payload.
      const none = await new OutboxCursor(conn.run, "relay").read(4, ["vps.created"]);
      assert.deepEqual(none.rows.map((r) => [r.id, r.payload]), ids.slice(0, 4).map((id) => [id, null]));
      const some = await new OutboxCursor(conn.run, "relay").read(4, ["vps.status_changed"]);
      assert.ok(some.rows.every((r) => r.payload !== null));
    } finally {
      await conn.close();
    }
  });
});
