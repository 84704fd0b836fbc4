// The inbound log's retention: rows older than 7 days go, younger ones stay, and two
// processes pruning at once delete each row once.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { openDatabase, type Database } from "../../lib/db";
import { INBOUND_LOG_RETENTION_MS, pruneInboundLog } from "../../lib/inbound-log/retention";
import { migrate } from "../../lib/migrate";
import { createTestDatabase } from "../support/pg";

describe("inbound log retention", () => {
  let db: Database;
  let drop = async () => {};
  before(async () => {
    const t = await createTestDatabase();
    drop = t.drop;
    db = await openDatabase({ databaseUrl: t.url, poolSize: 4 });
    await migrate(db);
  });
  after(async () => {
    await db?.close();
    await drop();
  });

  it("deletes the rows older than 7 days only", async () => {
    const now = new Date();
    const at = (ms: number) => new Date(now.getTime() - ms);
    const row = (requestId: string, createdAt: Date) => ({ endpoint: "/api/vps/sync", method: "POST", status: 200, durationMs: 1, requestId, createdAt });
    await db.prisma.inboundCall.createMany({
      data: [
        row("old-1", at(INBOUND_LOG_RETENTION_MS + 60_000)),
        row("old-2", at(30 * 86_400_000)),
        row("edge", at(INBOUND_LOG_RETENTION_MS - 60_000)),
        row("new", now),
      ],
    });
    const [a, b] = await Promise.all([pruneInboundLog(db.prisma, now), pruneInboundLog(db.prisma, now)]);
    assert.equal(a + b, 2);
    const left = (await db.prisma.inboundCall.findMany({ orderBy: { requestId: "asc" } })).map((r) => r.requestId);
    assert.deepEqual(left, ["edge", "new"]);
  });
});
