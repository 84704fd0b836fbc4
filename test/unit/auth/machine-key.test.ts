// The sync API key check (lib/auth/machine-key.ts).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

process.env.NEXTAUTH_SECRET ??= "unit-test-secret-0123456789abcdef0123456789";

const { isValidSyncKey } = await import("../../../lib/auth/machine-key");

describe("sync key", () => {
  it("compares keys in full, accepting any configured key", () => {
    const keys = ["a".repeat(40), "b".repeat(40)];
    assert.equal(isValidSyncKey("a".repeat(40), keys), true);
    assert.equal(isValidSyncKey("b".repeat(40), keys), true);
    for (const bad of [null, "", "a".repeat(39), "a".repeat(41), "c".repeat(40)]) assert.equal(isValidSyncKey(bad, keys), false);
  });
});
