// The VPS page's live state: a vps.action_progress event updates the open request in place
// (status, progress, message) without an activity entry; a stale or unrelated one is ignored.
import assert from "node:assert/strict";
import { test } from "node:test";
import { applyDetailEvent, type VpsDetailState } from "../../../components/vps/detail-queries";
import type { EventMessage } from "../../../lib/events/types";
import type { VpsActionRequestView } from "../../../lib/vps/vps-actions";

const request = (over: Partial<VpsActionRequestView> = {}): VpsActionRequestView => ({
  id: 7, vps_id: 3, action: "reinstall", params: { os: "debian-12" }, status: "pending", progress: null, message: null, result: null,
  created_at: "2026-12-02T10:00:00.000Z", updated_at: "2026-12-02T10:00:00.000Z", resolved_at: null, ...over,
});
const state = (pending: VpsActionRequestView | null): VpsDetailState =>
  ({ vps: { id: 3, updated_at: "2026-12-02T10:00:00.000Z" }, activity: [], pendingAction: pending, deleted: false, resolvedIds: [] }) as unknown as VpsDetailState;
const progress = (id: number, r: VpsActionRequestView): EventMessage =>
  ({ id: String(id), type: "vps.action_progress", timestamp: r.updated_at, payload: { request_id: r.id, status: r.status, request: r } }) as unknown as EventMessage;

test("progress updates the open request, adds no activity entry", () => {
  const r = request({ status: "in_progress", progress: 40, message: "Copying the image", updated_at: "2026-12-02T10:01:00.000Z" });
  const next = applyDetailEvent(state(request()), progress(11, r));
  assert.deepEqual([next.pendingAction?.status, next.pendingAction?.progress, next.pendingAction?.message], ["in_progress", 40, "Copying the image"]);
  assert.equal(next.activity.length, 0);
});

test("an older report, another request's or a resolved one's changes nothing", () => {
  const newer = request({ status: "in_progress", progress: 60, updated_at: "2026-12-02T10:02:00.000Z" });
  const older = request({ status: "in_progress", progress: 20, updated_at: "2026-12-02T10:01:00.000Z" });
  assert.equal(applyDetailEvent(state(newer), progress(12, older)).pendingAction?.progress, 60);
  const s = state(request());
  assert.equal(applyDetailEvent(s, progress(13, request({ id: 8, status: "in_progress" }))), s);
  assert.equal(applyDetailEvent({ ...s, resolvedIds: [7] }, progress(14, older)).pendingAction?.status, "pending");
});
