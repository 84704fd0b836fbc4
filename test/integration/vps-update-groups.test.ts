// Concurrent sync updates are coalesced (lib/vps/update-vps.ts GROUP): many in one statement
// and commit, yet each as if sent alone — its own answer, events, audit row with its own
// request id; updates of one VPS apply in the order sent; a VPS with follow-ups (an open
// action request) still takes the transactional path; an unknown VPS fails only its own call.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret-0123456789abcdef";
process.env.DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "ospab-int-"));

const { migrate } = await import("../../lib/migrate");
const { createVps } = await import("../../lib/vps/create-vps");
const { updateVps, vpsUpdateGroupStats } = await import("../../lib/vps/update-vps");
const { auditContextOf } = await import("../../lib/audit/context");
const { engines: enginesFor } = await import("../support/engines");
type Database = import("../support/engines").Database;

const STATUSES = ["running", "stopped", "suspended", "error"] as const;

for (const [engine, open] of enginesFor("ospab_groups", 10)) {
  describe(`coalesced VPS updates on ${engine}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    let userId: number;
    before(async () => {
      ({ db, drop } = await open());
      await migrate(db);
      userId = (await db.prisma.user.create({ data: { email: `groups-${engine}@example.com`, passwordHash: "x" } })).id;
    });
    after(async () => drop());

    it("200 concurrent updates of 50 VPS: each answered and recorded as its own, in order per VPS, fewer statements than updates", async () => {
      const vps = [];
      for (let i = 0; i < 50; i++) vps.push(await createVps(db.prisma, { userId, name: `g-${i}`, cpu: 1, ramMb: 1024, diskGb: 10, os: "Debian 12", status: "creating" }));
      const before = vpsUpdateGroupStats(db.prisma);
      // Round r sets STATUSES[r] and cpu r+2 on every VPS; all 200 calls are in flight at once.
      const calls = [];
      for (let r = 0; r < 4; r++)
        for (const v of vps) {
          const audit = auditContextOf({ actor: null, machine: true, clientAddress: "203.0.113.9", requestId: `req-${v.id}-${r}` });
          calls.push(updateVps(db.prisma, v.id, { status: STATUSES[r], cpu: r + 2 }, audit).then((view) => ({ r, view })));
        }
      const answers = await Promise.all(calls);
      const after = vpsUpdateGroupStats(db.prisma);
      for (const { r, view } of answers) assert.deepEqual([view.status, view.cpu], [STATUSES[r], r + 2]);
      if (engine === "PostgreSQL") {
        assert.equal(after.items - before.items, 200);
        assert.ok(after.groups - before.groups < 200, `coalesced: ${after.groups - before.groups} groups for 200 updates`);
      }
      for (const v of vps) {
        const row = await db.prisma.vps.findUniqueOrThrow({ where: { id: v.id } });
        assert.deepEqual([row.status, row.cpu], ["error", 5], "the last update sent wins");
        const events = await db.sql.query<{ type: string; payload: { previous_status?: string; vps: { status: string; cpu: number } } }>(
          "SELECT type, payload FROM domain_events WHERE vps_id = $1 AND type = 'vps.status_changed' ORDER BY id",
          [v.id],
        );
        assert.deepEqual(
          events.map((e) => `${e.payload.previous_status}→${e.payload.vps.status}`),
          ["creating→running", "running→stopped", "stopped→suspended", "suspended→error"],
        );
        const audit = await db.sql.query<{ request_id: string; client_address: string; actor_type: string; details: { status: string } }>(
          "SELECT request_id, client_address, actor_type::text, details FROM audit_log WHERE target_type = 'vps' AND target_id = $1 AND action = 'vps.updated' ORDER BY id",
          [String(v.id)],
        );
        assert.deepEqual(
          audit.map((a) => [a.request_id, a.client_address, a.actor_type, a.details.status]),
          STATUSES.map((s, r) => [`req-${v.id}-${r}`, "203.0.113.9", "machine", s]),
        );
      }
    });

    it("in a group, an unknown VPS fails its own call only, and a VPS with an open action request is resolved as alone", async () => {
      const a = await createVps(db.prisma, { userId, name: "ga", cpu: 1, ramMb: 1024, diskGb: 10, os: "Debian 12", status: "stopped" });
      const b = await createVps(db.prisma, { userId, name: "gb", cpu: 1, ramMb: 1024, diskGb: 10, os: "Debian 12", status: "stopped" });
      const request = await db.prisma.vpsActionRequest.create({ data: { vpsId: b.id, userId, action: "start", status: "in_progress" } });
      const others = [];
      for (let i = 0; i < 10; i++) others.push(await createVps(db.prisma, { userId, name: `go-${i}`, cpu: 1, ramMb: 1024, diskGb: 10, os: "Debian 12" }));
      const results = await Promise.allSettled([
        ...others.map((o) => updateVps(db.prisma, o.id, { status: "running" })),
        updateVps(db.prisma, 987_654, { status: "running" }),
        updateVps(db.prisma, a.id, { status: "running" }),
        updateVps(db.prisma, b.id, { status: "running" }),
      ]);
      const unknown = results[10]!;
      assert.equal(unknown.status, "rejected");
      assert.equal((unknown as PromiseRejectedResult).reason.status, 404);
      assert.deepEqual(results.filter((r) => r.status === "rejected").length, 1);
      assert.equal((await db.prisma.vps.findUniqueOrThrow({ where: { id: a.id } })).status, "running");
      // The start request completes with the VPS running (resolveVpsActions ran).
      assert.equal((await db.prisma.vpsActionRequest.findUniqueOrThrow({ where: { id: request.id } })).status, "completed");
    });
  });
}
