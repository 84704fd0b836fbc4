// Pure logic of the client area: list filter parsing/matching/ordering, action input rules,
// activity labels' source data, lenient admin-list parameters.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { adminVpsQuerySchema, parseLenient } from "../../lib/admin/list-params";
import { toActivityEntry } from "../../lib/vps/activity";
import { actionAllowedInStatus, vpsActionInputSchema } from "../../lib/vps/vps-actions";
import { compareVps, matchesVpsFilter, vpsFilterQuery } from "../../lib/vps/vps-filter";
import { parseVpsFilter } from "../../lib/vps/vps-filter-params";
import type { VpsView } from "../../lib/vps/view";

const vps = (id: number, name: string, status: VpsView["status"], created: string, extra: Partial<VpsView> = {}): VpsView => ({
  id, user_id: 1, name, status, cpu: 1, ram: 1024, disk: 20, os: "Debian 12", hypervisor: "proxmox",
  ip_address: null, order_id: null, created_at: created, updated_at: created, ...extra,
});

describe("VPS list filter", () => {
  it("parses the URL forgivingly and writes back only what differs from the defaults", () => {
    assert.deepEqual(parseVpsFilter({}), { q: "", status: undefined, sort: "created", dir: "desc" });
    assert.deepEqual(parseVpsFilter({ q: "  web ", status: "running", sort: "name" }), { q: "web", status: "running", sort: "name", dir: "asc" });
    assert.deepEqual(parseVpsFilter({ status: "bogus", sort: "price", dir: "up" }), { q: "", status: undefined, sort: "created", dir: "desc" });
    assert.equal(parseVpsFilter({ q: "x".repeat(101) }).q, "");
    assert.equal(vpsFilterQuery(parseVpsFilter({})), "");
    assert.equal(vpsFilterQuery(parseVpsFilter({ q: "a b", sort: "name", dir: "desc" })), "?q=a+b&sort=name&dir=desc");
  });

  it("matches name, IP and OS case-insensitively, and the status", () => {
    const v = vps(1, "Web-01", "running", "2026-01-01T00:00:00Z", { ip_address: "203.0.113.10", os: "Ubuntu 24.04" });
    const f = (q: string, status?: VpsView["status"]) => ({ q, status, sort: "created" as const, dir: "desc" as const });
    assert.ok(matchesVpsFilter(v, f("web")));
    assert.ok(matchesVpsFilter(v, f("113.10")));
    assert.ok(matchesVpsFilter(v, f("UBUNTU")));
    assert.ok(!matchesVpsFilter(v, f("debian")));
    assert.ok(!matchesVpsFilter(v, f("", "stopped")));
  });

  it("orders like the database: key, then name, then id", () => {
    const list = [
      vps(1, "b", "stopped", "2026-01-02T00:00:00Z"),
      vps(2, "a", "running", "2026-01-03T00:00:00Z"),
      vps(3, "c", "creating", "2026-01-01T00:00:00Z"),
      vps(4, "a", "running", "2026-01-03T00:00:00Z"),
    ];
    const ids = (f: ReturnType<typeof parseVpsFilter>) => [...list].sort(compareVps(f)).map((v) => v.id);
    assert.deepEqual(ids(parseVpsFilter({})), [4, 2, 1, 3]);
    assert.deepEqual(ids(parseVpsFilter({ sort: "name" })), [2, 4, 1, 3]);
    assert.deepEqual(ids(parseVpsFilter({ sort: "status" })), [3, 2, 4, 1]);
  });
});

describe("VPS actions", () => {
  it("validates rename names as hostname-like, 1–63 characters", () => {
    for (const name of ["a", "web-01", "db.prod_2", "A".repeat(63), "  padded  "])
      assert.ok(vpsActionInputSchema.safeParse({ action: "rename", name }).success, name);
    for (const name of ["", "A".repeat(64), "-a", "a-", "two words", "имя", "a/b"])
      assert.ok(!vpsActionInputSchema.safeParse({ action: "rename", name }).success, name);
    assert.ok(!vpsActionInputSchema.safeParse({ action: "destroy" }).success);
  });

  it("allows power actions only from the state they need", () => {
    assert.ok(actionAllowedInStatus("start", "stopped"));
    assert.ok(!actionAllowedInStatus("start", "running"));
    assert.ok(actionAllowedInStatus("reboot", "running"));
    assert.ok(!actionAllowedInStatus("stop", "suspended"));
    assert.ok(actionAllowedInStatus("rename", "suspended"));
    assert.ok(!actionAllowedInStatus("rename", "deleting"));
  });
});

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
});

describe("admin list parameters", () => {
  it("strict for the API, forgiving for pages", () => {
    assert.ok(!adminVpsQuerySchema.safeParse({ page: "0" }).success);
    assert.ok(!adminVpsQuerySchema.safeParse({ per_page: "101" }).success);
    const q = parseLenient(adminVpsQuerySchema, { page: "-2", per_page: "abc", status: "nope", sort: "name", q: " web " });
    assert.deepEqual(q, { q: "web", status: undefined, owner: undefined, sort: "name", dir: undefined, page: 1, per_page: 50 });
  });
});
