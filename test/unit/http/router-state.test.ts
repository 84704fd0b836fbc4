// The router-state filter (lib/http/router-state.ts).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isPlausibleRouterState } from "../../../lib/http/router-state";

describe("isPlausibleRouterState", () => {
  const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));
  it("passes trees of the router's shape", () => {
    assert.equal(isPlausibleRouterState(enc(["", { children: ["(admin)", {}] }])), true);
    assert.equal(isPlausibleRouterState(enc(["", { children: ["vps", { children: [["id", "3", "d", null], { children: ["__PAGE__", {}] }] }] }, null, "refetch"])), true);
  });
  it("refuses what Next could not parse", () => {
    for (const bad of ["not json", enc([]), enc({ children: [] }), enc(["", []]), enc(["", { children: "x" }]), "%E0%A4%A", "x".repeat(40_001)])
      assert.equal(isPlausibleRouterState(bad), false, bad.slice(0, 40));
  });
});
