// The inbound log's batched writer (lib/inbound-log/record-inbound-call.ts) on PostgreSQL:
// calls recorded at once are written in few statements, every row whole and with the time
// of its call, and a failed batch is logged and never rejects its callers.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { openDatabase, setDatabase, type Database } from "../../lib/db";
import { recordInboundCall, type InboundCall } from "../../lib/inbound-log/record-inbound-call";
import { migrate } from "../../lib/migrate";
import { createTestDatabase } from "../support/pg";

const call = (i: number): InboundCall => ({
  action: i % 2 ? "update" : "create",
  vpsId: i,
  externalId: i % 3 ? null : `ext-${i}`,
  endpoint: "/api/vps/sync",
  method: "POST",
  status: i % 5 ? 200 : 422,
  errorCode: i % 5 ? null : "validation_error",
  message: i % 5 ? null : `bad ${i}`,
  durationMs: i + 0.4,
  requestId: `batch-${String(i).padStart(3, "0")}`,
  clientAddress: "10.0.0.1",
  idempotencyKey: i % 4 ? null : `key-${i}`,
});

describe("inbound log, batched writes", () => {
  let db: Database;
  let drop = async () => {};
  before(async () => {
    const t = await createTestDatabase();
    drop = t.drop;
    db = await openDatabase({ databaseUrl: t.url, poolSize: 4 });
    await migrate(db);
    setDatabase(db);
  });
  after(async () => {
    await db?.close();
    await drop();
  });

  it("200 calls at once: every row written whole, in a few statements", async () => {
    const t0 = Date.now();
    await Promise.all(Array.from({ length: 200 }, (_, i) => recordInboundCall(call(i))));
    const rows = await db.prisma.inboundCall.findMany({ orderBy: { requestId: "asc" } });
    assert.equal(rows.length, 200);
    for (const [i, r] of rows.entries()) {
      const c = call(i);
      assert.deepEqual(
        [r.requestId, r.action, r.vpsId, r.externalId, r.status, r.errorCode, r.message, r.durationMs, r.clientAddress, r.idempotencyKey, r.endpoint, r.method],
        [c.requestId, c.action, c.vpsId, c.externalId, c.status, c.errorCode, c.message, Math.round(c.durationMs), c.clientAddress, c.idempotencyKey, c.endpoint, c.method],
      );
      assert.ok(Math.abs(r.createdAt.getTime() - t0) < 5_000, `created_at ${r.createdAt.toISOString()} is the time of the call`);
    }
    // One insert for the first call, then the rest queued behind it: far fewer than 200.
    const [{ calls }] = await db.sql.query<{ calls: number }>(
      "SELECT count(DISTINCT xmin::text)::int AS calls FROM inbound_log",
    );
    assert.ok(calls <= 5, `${calls} transactions wrote the 200 rows`);
  });

  it("a batch the database refuses is logged and resolves; later calls are written", async () => {
    await db.sql.exec("ALTER TABLE inbound_log ADD CONSTRAINT no_refused CHECK (request_id <> 'refused')");
    try {
      await recordInboundCall({ ...call(900), requestId: "refused" });
      await recordInboundCall({ ...call(901), requestId: "after-refused" });
      assert.equal(await db.prisma.inboundCall.count({ where: { requestId: "refused" } }), 0);
      assert.equal(await db.prisma.inboundCall.count({ where: { requestId: "after-refused" } }), 1);
    } finally {
      await db.sql.exec("ALTER TABLE inbound_log DROP CONSTRAINT no_refused");
    }
  });
});
