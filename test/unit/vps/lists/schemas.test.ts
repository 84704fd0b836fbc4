// The lists the main site pushes with a sync update (snapshots, backups, rdns).
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseSyncRequest } from "../../../../lib/vps/schemas";

const update = (vps: Record<string, unknown>) => parseSyncRequest({ action: "update", vps: { id: 1, ...vps } });

test("an update may carry only lists; times are normalised, kind defaults to auto", () => {
  const r = update({
    snapshots: [{ id: "s1", name: "before", created_at: "2026-12-01T10:00:00+03:00", size_gb: 4.5 }],
    backups: [{ id: 9, created_at: "2026-12-02T03:00:00Z", size_gb: 12 }],
    rdns: [{ ip: "203.0.113.10", hostname: "mail.example.com" }],
  });
  assert.equal(r.action, "update");
  if (r.action !== "update") return;
  assert.deepEqual(r.vps.snapshots, [{ id: "s1", name: "before", created_at: "2026-12-01T07:00:00.000Z", size_gb: 4.5 }]);
  assert.deepEqual(r.vps.backups, [{ id: 9, created_at: "2026-12-02T03:00:00.000Z", size_gb: 12, kind: "auto" }]);
  assert.deepEqual(update({ snapshots: [] }).vps, { id: 1, snapshots: [] });
});

test("bad lists are refused with what is wrong", () => {
  const refused = (vps: Record<string, unknown>, message: RegExp) => assert.throws(() => update(vps), (e: Error & { status?: number }) => e.status === 400 && message.test(e.message));
  refused({ snapshots: {} }, /snapshots must be an array/);
  refused({ snapshots: [{ id: "s", name: "x", created_at: "yesterday" }] }, /created_at must be an ISO 8601 time/);
  refused({ backups: [{ id: "b", created_at: "2026-12-02T03:00:00Z", kind: "weekly" }] }, /kind must be auto or manual/);
  refused({ rdns: [{ ip: "nope", hostname: "a.example.com" }] }, /rdns\[\]\.ip/);
  refused({ snapshots: Array.from({ length: 201 }, (_, i) => ({ id: i, name: "s", created_at: "2026-12-02T03:00:00Z" })) }, /at most 200/);
});
