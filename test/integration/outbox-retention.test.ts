// The outbox's retention (lib/events/prune-outbox.ts) on PostgreSQL: old events stay while a
// consumer has not read them (above its position or among its gaps) and go once it has; no
// consumer misses an event because of it; young events and an order's history stay; two
// processes pruning at once delete each row once.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { openDatabase, type Database } from "../../lib/db";
import { OUTBOX_CONSUMERS, pruneOutbox } from "../../lib/events/prune-outbox";
import { startRelay, type RelayedEvent } from "../../lib/events/relay";
import { migrate } from "../../lib/migrate";
import { createWebhook } from "../../lib/webhooks/create-webhook";
import { fanOutEvents } from "../../lib/webhooks/fan-out";
import { createTestDatabase } from "../support/pg";

const DAY = 86_400_000;
const RETENTION = 30 * DAY;

describe("outbox retention", () => {
  let server: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: Database;
  let b: Database;

  /** `n` events of `type`, `ageMs` old; their ids, ascending. */
  const insert = async (n: number, ageMs: number, type = "vps.status_changed") =>
    (
      await a.sql.query<{ id: string }>(
        `INSERT INTO domain_events (type, payload, created_at)
         SELECT $1, jsonb_build_object('n', i, 'order_id', i), (now() AT TIME ZONE 'UTC') - make_interval(secs => $3::double precision / 1000)
           FROM generate_series(1, $2::int) i ORDER BY i RETURNING id::text AS id`,
        [type, n, ageMs],
      )
    ).map((r) => r.id).sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1));
  const left = async () => (await a.sql.query<{ id: string }>("SELECT id::text AS id FROM domain_events ORDER BY domain_events.id")).map((r) => r.id);
  const setCursor = (consumer: string, position: string, gaps: Record<string, number> = {}) =>
    a.sql.query("UPDATE outbox_cursors SET position = $2::bigint, gaps = $3::jsonb, version = version + 1 WHERE consumer = $1", [consumer, position, JSON.stringify(gaps)]);
  const passEverything = () => a.sql.exec(`UPDATE outbox_cursors SET position = COALESCE((SELECT max(id) FROM domain_events), 0), gaps = '{}', version = version + 1`);

  before(async () => {
    server = await createTestDatabase("ospab_outbox_retention");
    a = await openDatabase({ databaseUrl: server.url, poolSize: 4 });
    b = await openDatabase({ databaseUrl: server.url, poolSize: 4 });
    await migrate(a);
    await createWebhook(a.prisma, { name: "retention", url: "http://127.0.0.1:9/hook", event_type: ["vps.status_changed"], secret: "retention-secret-0123456789" }, { allowPrivate: true });
  });
  beforeEach(async () => {
    await a.sql.exec("DELETE FROM domain_events; DELETE FROM webhook_deliveries");
    await passEverything();
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await server?.drop();
  });

  it("keeps old events a lagging relay has not read, and deletes them once it has published them", async () => {
    const initially = await left();
    assert.deepEqual(initially, []);
    const start = (await a.sql.query<{ id: string }>("SELECT position::text AS id FROM outbox_cursors WHERE consumer = 'relay'"))[0].id;
    const old = await insert(20, RETENTION + DAY);
    await setCursor("webhooks", old.at(-1)!);
    // The relay is still at `start`: every one of them is unread by it.
    assert.equal((await pruneOutbox(a, RETENTION)).deleted, 0);
    assert.deepEqual(await left(), old);

    // It catches up half way: the half it read may go, the rest stays.
    await setCursor("relay", old[9]);
    assert.equal((await pruneOutbox(a, RETENTION)).deleted, 10);
    assert.deepEqual(await left(), old.slice(10));

    const published: RelayedEvent[] = [];
    const relay = startRelay(a, (e) => published.push(e), { intervalMs: 60_000 });
    try {
      await relay.drain();
    } finally {
      await relay.stop();
    }
    assert.deepEqual(published.map((e) => e.id), old.slice(10), "the relay got every event it had not read");
    assert.equal((await pruneOutbox(a, RETENTION)).deleted, 10);
    assert.deepEqual(await left(), []);
    assert.ok(BigInt(start) < BigInt(old[0]));
  });

  it("keeps old events the webhook fan-out has not queued; each is queued once before it goes", async () => {
    const old = await insert(15, RETENTION + DAY);
    await setCursor("webhooks", String(BigInt(old[0]) - 1n));
    await setCursor("relay", old.at(-1)!);
    assert.equal((await pruneOutbox(a, RETENTION)).deleted, 0);
    for (let i = 0; i < 10 && (await fanOutEvents(a)).read > 0; i++);
    const queued = await a.sql.query<{ id: string; n: number }>("SELECT event_id::text AS id, count(*)::int AS n FROM webhook_deliveries GROUP BY event_id ORDER BY min(event_id)");
    assert.deepEqual(queued.map((q) => [q.id, q.n]), old.map((id) => [id, 1]));
    assert.equal((await pruneOutbox(a, RETENTION)).deleted, 15);
    assert.deepEqual(await left(), []);
  });

  it("a gap below a cursor's position protects every row from the gap up", async () => {
    const old = await insert(10, RETENTION + DAY);
    await passEverything();
    await setCursor("relay", old.at(-1)!, { [old[4]]: Date.now() + 60_000 });
    assert.equal((await pruneOutbox(a, RETENTION)).deleted, 4);
    assert.deepEqual(await left(), old.slice(4));
  });

  it("keeps young events and an order's history; deletes nothing while a consumer has no cursor", async () => {
    const old = await insert(5, RETENTION + DAY);
    const orders = [...(await insert(2, RETENTION + DAY, "order.created")), ...(await insert(2, RETENTION + DAY, "order.status_changed"))];
    const young = await insert(5, RETENTION - DAY);
    await passEverything();
    const cursors = await a.sql.query<{ consumer: string; position: string }>("SELECT consumer, position::text AS position FROM outbox_cursors");
    await a.sql.query("DELETE FROM outbox_cursors WHERE consumer = 'webhooks'");
    try {
      assert.deepEqual(await pruneOutbox(a, RETENTION), { deleted: 0, floor: null });
    } finally {
      const w = cursors.find((c) => c.consumer === "webhooks")!;
      await a.sql.query("INSERT INTO outbox_cursors (consumer, position, gaps, version, updated_at) VALUES ('webhooks', $1::bigint, '{}', 100, now())", [w.position]);
    }
    assert.deepEqual(OUTBOX_CONSUMERS, cursors.map((c) => c.consumer).sort());
    assert.equal((await pruneOutbox(a, RETENTION)).deleted, 5);
    assert.deepEqual(await left(), [...orders, ...young]);
    assert.ok(old.every((id) => !orders.includes(id)));
  });

  it("two processes pruning at once delete each row once, in batches", async () => {
    const old = await insert(1_000, RETENTION + DAY);
    const young = await insert(3, 0);
    await passEverything();
    const [x, y] = await Promise.all([pruneOutbox(a, RETENTION, { batch: 50 }), pruneOutbox(b, RETENTION, { batch: 50 })]);
    // A process that meets the other's locked rows skips them and may stop early: whatever
    // it left, one more run takes.
    const rest = await pruneOutbox(a, RETENTION, { batch: 50 });
    assert.equal(x.deleted + y.deleted + rest.deleted, old.length);
    assert.deepEqual(await left(), young);
  });
});
