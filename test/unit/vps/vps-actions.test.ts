// Client VPS action input rules (lib/vps/vps-actions.ts).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { actionAllowedInStatus, vpsActionInputSchema } from "../../../lib/vps/vps-actions";

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
    assert.ok(!actionAllowedInStatus("rename", "suspended"), "a suspended VPS refuses client actions (§9)");
    assert.ok(!actionAllowedInStatus("rename", "deleting"));
  });
});
