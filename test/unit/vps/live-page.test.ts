// How a live event changes one server-rendered page of the client's list (lib/vps/live-page.ts).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { EventType } from "../../../lib/events/types";
import { applyLiveVps } from "../../../lib/vps/live-page";
import type { VpsView } from "../../../lib/vps/view";
import { parseVpsFilter } from "../../../lib/vps/vps-filter-params";

const vps = (id: number, extra: Partial<VpsView> = {}): VpsView => ({
  id, user_id: 1, name: `vps-${id}`, status: "running", cpu: 1, ram: 1024, disk: 20, os: "Debian 12", hypervisor: "proxmox",
  ip_address: null, order_id: null, created_at: `2026-01-0${id}T00:00:00Z`, updated_at: "2026-02-01T00:00:00Z", ...extra,
});
const ev = (type: EventType, v: VpsView) => ({ type, payload: { vps: v } });
const page = [vps(3), vps(2), vps(1)];
const all = parseVpsFilter({});

describe("live events on a page of the VPS list", () => {
  it("a row on screen changes in place", () => {
    const changed = vps(2, { status: "stopped", updated_at: "2026-02-02T00:00:00Z" });
    const r = applyLiveVps(page, ev("vps.status_changed", changed), all, 1);
    assert.equal(r.kind, "rows");
    assert.deepEqual(r.kind === "rows" && r.rows.map((v) => v.status), ["running", "stopped", "running"]);
    assert.deepEqual(page.map((v) => v.status), ["running", "running", "running"], "the page itself is not mutated");
  });

  it("an older version of a row on screen is ignored", () => {
    assert.equal(applyLiveVps(page, ev("vps.updated", vps(2, { status: "error", updated_at: "2026-01-31T00:00:00Z" })), all, 1).kind, "none");
  });

  it("another user's VPS (an admin's socket) is ignored", () => {
    assert.equal(applyLiveVps(page, ev("vps.created", vps(9, { user_id: 2 })), all, 1).kind, "none");
  });

  it("asks the server again when rows may move between pages", () => {
    const running = parseVpsFilter({ status: "running" });
    const later = { updated_at: "2026-02-02T00:00:00Z" };
    // A row leaves the filter, is deleted, or changes its sort key.
    assert.equal(applyLiveVps(page, ev("vps.status_changed", vps(2, { status: "stopped", ...later })), running, 1).kind, "refresh");
    assert.equal(applyLiveVps(page, ev("vps.deleted", vps(2, later)), all, 1).kind, "refresh");
    assert.equal(applyLiveVps(page, ev("vps.updated", vps(2, { name: "zzz", ...later })), parseVpsFilter({ sort: "name" }), 1).kind, "refresh");
    // A new VPS, or one from another page that now matches the filter.
    assert.equal(applyLiveVps(page, ev("vps.created", vps(4)), all, 1).kind, "refresh");
    assert.equal(applyLiveVps(page, ev("vps.status_changed", vps(8)), running, 1).kind, "refresh");
    assert.equal(applyLiveVps(page, ev("vps.deleted", vps(8)), all, 1).kind, "refresh");
  });

  it("leaves the page alone for changes that cannot reach it", () => {
    // Off this page, newest-first order, no filter: an update does not move it here.
    assert.equal(applyLiveVps(page, ev("vps.updated", vps(8)), all, 1).kind, "none");
    // Off this page and outside the filter.
    assert.equal(applyLiveVps(page, ev("vps.created", vps(8, { status: "stopped" })), parseVpsFilter({ status: "running" }), 1).kind, "none");
    assert.equal(applyLiveVps(page, { type: "vps.updated", payload: {} }, all, 1).kind, "none");
  });
});
