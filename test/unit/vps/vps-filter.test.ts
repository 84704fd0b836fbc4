// The client's VPS list filter (lib/vps/vps-filter.ts): URL parsing, matching, ordering.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { VpsView } from "../../../lib/vps/view";
import { compareVps, matchesVpsFilter, vpsFilterQuery } from "../../../lib/vps/vps-filter";
import { parseVpsFilter } from "../../../lib/vps/vps-filter-params";

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
