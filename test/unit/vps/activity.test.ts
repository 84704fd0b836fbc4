// The VPS activity timeline's entries (lib/vps/activity.ts).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { toActivityEntry } from "../../../lib/vps/activity";

describe("activity entries", () => {
  it("keep only what the timeline labels, never the raw payload", () => {
    const at = "2026-01-01T00:00:00.000Z";
    const changed = toActivityEntry({ id: "7", type: "vps.status_changed", timestamp: at, payload: { previous_status: "stopped", vps: { status: "running", ip_address: "1.2.3.4" } } });
    assert.deepEqual(changed, { id: "7", type: "vps.status_changed", at, from: "stopped", to: "running" });
    const updated = toActivityEntry({ id: "8", type: "vps.updated", timestamp: at, payload: { changed: ["ipAddress", "ramMb", "rootPasswordEnc"], vps: {} } });
    assert.deepEqual(updated.fields, ["ip_address", "ram", "root_password"]);
    const resolved = toActivityEntry({ id: "9", type: "vps.action_resolved", timestamp: at, payload: { action: "rename", params: { name: "x" }, status: "completed", request_id: 3 } });
    assert.deepEqual(resolved, { id: "9", type: "vps.action_resolved", at, action: "rename", name: "x", result: "completed" });
  });

  it("name the billing actions (BILLmanager's suspend, resume, resize, terminate) so the timeline can label them", () => {
    const at = "2026-01-01T00:00:00.000Z";
    for (const action of ["suspend", "resume", "resize", "terminate"]) {
      const e = toActivityEntry({ id: "1", type: "vps.action_requested", timestamp: at, payload: { action, params: {}, status: "pending", requested_by: { machine: "billmanager" } } });
      assert.equal(e.action, action);
    }
    assert.equal(toActivityEntry({ id: "2", type: "vps.action_requested", timestamp: at, payload: { action: "bogus" } }).action, undefined);
  });

  it("carry an alert's rule and a traffic notice's level, not the value or channels", () => {
    const at = "2026-01-01T00:00:00.000Z";
    const payload = { rule_id: 3, vps_id: 1, metric: "cpu_percent", op: ">", threshold: 80, for_minutes: 5, value: 97, channels: ["webhook"], fired_at: at };
    assert.deepEqual(toActivityEntry({ id: "1", type: "vps.alert", timestamp: at, payload }), {
      id: "1", type: "vps.alert", at, alert: { metric: "cpu_percent", op: ">", threshold: 80, forMinutes: 5 },
    });
    assert.deepEqual(toActivityEntry({ id: "2", type: "vps.traffic_quota", timestamp: at, payload: { level: 80, used_bytes: 9 } }), { id: "2", type: "vps.traffic_quota", at, level: 80 });
  });
});
