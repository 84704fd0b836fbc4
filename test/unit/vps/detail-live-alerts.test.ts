// The VPS page's activity follows alert and traffic events live, as the first render lists
// them (components/vps/detail-queries.ts): they are among the followed types, they are matched
// to the page's VPS by `payload.vps_id` (they carry no `vps`), and each becomes an entry with
// the rule it is about.
import assert from "node:assert/strict";
import { test } from "node:test";
import { applyDetailEvent, isEventForVps, LIVE_TYPES, type VpsDetailState } from "../../../components/vps/detail-queries";
import type { EventMessage } from "../../../lib/events/types";

const state = (): VpsDetailState =>
  ({ vps: { id: 3, updated_at: "2026-12-04T10:00:00.000Z" }, activity: [], pendingAction: null, deleted: false, resolvedIds: [] }) as unknown as VpsDetailState;
const alert = (id: string, type: "vps.alert" | "vps.alert_resolved", vpsId: number): EventMessage =>
  ({
    id,
    type,
    timestamp: "2026-12-04T10:05:00.000Z",
    payload: { rule_id: 9, vps_id: vpsId, metric: "cpu_percent", op: ">", threshold: 80, for_minutes: 5, value: 97, channels: ["panel"], fired_at: "2026-12-04T10:05:00.000Z" },
  }) as unknown as EventMessage;

test("alert and traffic events are followed live", () => {
  for (const t of ["vps.alert", "vps.alert_resolved", "vps.traffic_quota"]) assert.ok((LIVE_TYPES as readonly string[]).includes(t), t);
});

test("an alert event is matched to its VPS by payload.vps_id, never to another VPS", () => {
  assert.equal(isEventForVps(alert("1", "vps.alert", 3), 3), true);
  assert.equal(isEventForVps(alert("1", "vps.alert", 4), 3), false);
  assert.equal(isEventForVps({ payload: { vps_id: 3, level: 80 } }, 3), true);
  // A VPS event is matched by its VPS (a stray vps_id does not override it).
  assert.equal(isEventForVps({ payload: { vps: { id: 3 } } }, 3), true);
  assert.equal(isEventForVps({ payload: { vps: { id: 4 }, vps_id: 3 } }, 3), false);
  assert.equal(isEventForVps({ payload: {} }, 3), false);
});

test("fired and resolved become activity entries with the rule, newest first, once each", () => {
  let s = applyDetailEvent(state(), alert("21", "vps.alert", 3));
  s = applyDetailEvent(s, alert("25", "vps.alert_resolved", 3));
  s = applyDetailEvent(s, alert("25", "vps.alert_resolved", 3));
  assert.deepEqual(
    s.activity.map((a) => [a.id, a.type, a.alert]),
    [
      ["25", "vps.alert_resolved", { metric: "cpu_percent", op: ">", threshold: 80, forMinutes: 5 }],
      ["21", "vps.alert", { metric: "cpu_percent", op: ">", threshold: 80, forMinutes: 5 }],
    ],
  );
  assert.equal(s.vps.id, 3);
});
