// One VPS shape: the view PostgreSQL builds inside a statement (vpsViewSql, used by the
// sync update's single statement) and the one TypeScript builds from a Prisma row
// (toVpsView) are identical for every field — same keys, same order, same values —
// on PGlite and PostgreSQL, with nulls and in every status; updateVps returns that view.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret-0123456789abcdef";
process.env.DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "ospab-int-"));

const { migrate } = await import("../../lib/migrate");
const { updateVps } = await import("../../lib/vps/update-vps");
const { toVpsView, vpsViewSql, VPS_FIELDS, VPS_STATUSES } = await import("../../lib/vps/view");
const { engines: enginesFor } = await import("../support/engines");
type Database = import("../support/engines").Database;

const engines = enginesFor("ospab_view", 2);

for (const [engine, open] of engines) {
  describe(`VPS view, SQL and TypeScript, on ${engine}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    const ids: number[] = [];

    before(async () => {
      ({ db, drop } = await open());
      await migrate(db);
      const user = await db.prisma.user.create({ data: { email: `view-${engine}@example.com`, passwordHash: "x" } });
      const plan = await db.prisma.plan.create({ data: { code: `view-${engine}`, name: "P", cpu: 1, ramMb: 1024, diskGb: 10, osChoices: ["Debian 12"] } });
      const order = await db.prisma.order.create({ data: { userId: user.id, planId: plan.id, os: "Debian 12" } });
      // Every status; with and without the nullable fields; odd milliseconds and text.
      for (const [i, status] of VPS_STATUSES.entries()) {
        const withNulls = i % 2 === 0;
        const v = await db.prisma.vps.create({
          data: {
            userId: user.id,
            name: `vps "${status}" ✓ \\ ${i}`,
            status,
            cpu: i + 1,
            ramMb: 1024 * (i + 1),
            diskGb: 10 + i,
            os: "Debian 12",
            hypervisor: i === 3 ? "kvm" : "proxmox",
            ipAddress: withNulls ? null : `10.0.0.${i}`,
            orderId: i === 1 ? order.id : null,
            createdAt: new Date(Date.UTC(2024, 1, 29, 23, 59, 59, 7 + i)),
            updatedAt: new Date(Date.UTC(2026, 11, 31, 0, 0, 0, 999 - i)),
          },
        });
        ids.push(v.id);
      }
    });
    after(async () => drop());

    it("vpsViewSql and toVpsView agree on every field of every row", async () => {
      const rows = await db.prisma.vps.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } });
      const sql = await db.sql.query<{ view: unknown }>(`SELECT ${vpsViewSql("vps")}::text AS view FROM vps WHERE id = ANY($1::int[]) ORDER BY id`, [ids]);
      assert.equal(sql.length, VPS_STATUSES.length);
      const seen = { nullIp: false, ip: false, nullOrder: false, order: false };
      for (const [i, row] of rows.entries()) {
        const text = String(sql[i].view);
        const fromSql = JSON.parse(text);
        const fromTs = toVpsView(row);
        // Same text: same keys in the same order, same values and types.
        assert.equal(text.replace(/\s/g, ""), JSON.stringify(fromTs).replace(/\s/g, ""));
        assert.deepEqual(Object.keys(fromSql), VPS_FIELDS.map((f) => f.wire));
        for (const f of VPS_FIELDS) assert.deepEqual(fromSql[f.wire], (fromTs as Record<string, unknown>)[f.wire], `${f.wire} of ${row.status}`);
        seen.nullIp ||= row.ipAddress === null;
        seen.ip ||= row.ipAddress !== null;
        seen.nullOrder ||= row.orderId === null;
        seen.order ||= row.orderId !== null;
      }
      assert.deepEqual(seen, { nullIp: true, ip: true, nullOrder: true, order: true });
      assert.deepEqual(rows.map((r) => r.status), [...VPS_STATUSES]);
    });

    it("updateVps returns the view its statement built, equal to toVpsView of the stored row, and the events carry it", async () => {
      for (const [i, id] of ids.entries()) {
        // Fast path (no follow-ups) and the transaction (the VPS with an order), clearing and setting nullable fields.
        const next = VPS_STATUSES[(i + 1) % VPS_STATUSES.length];
        const view = await updateVps(db.prisma, id, { status: next, ipAddress: i % 2 === 0 ? `192.0.2.${i}` : null });
        const row = await db.prisma.vps.findUniqueOrThrow({ where: { id } });
        assert.equal(JSON.stringify(view), JSON.stringify(toVpsView(row)));
        const events = await db.sql.query<{ payload: { vps: unknown } }>("SELECT payload FROM domain_events WHERE vps_id = $1 ORDER BY id", [id]);
        assert.ok(events.length > 0);
        for (const e of events) assert.deepEqual(e.payload.vps, toVpsView(row));
      }
    });
  });
}
