// The sync create's fingerprint (lib/vps/sync-vps.ts).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

process.env.NEXTAUTH_SECRET ??= "unit-test-secret-0123456789abcdef0123456789";

const { createFingerprint } = await import("../../../lib/vps/sync-vps");

describe("createFingerprint", () => {
  it("the create fingerprint covers the spec and the order, or the idempotency key", () => {
    const v = { user_id: 1, name: "a", cpu: 1, ram: 1024, disk: 10, os: "x", status: "creating" as const, hypervisor: "proxmox" };
    assert.equal(createFingerprint(v), createFingerprint({ ...v, status: "running" }));
    assert.notEqual(createFingerprint(v), createFingerprint({ ...v, cpu: 2 }));
    assert.notEqual(createFingerprint(v), createFingerprint({ ...v, order_id: 3 }));
    assert.notEqual(createFingerprint(v, "k1"), createFingerprint(v, "k2"));
  });
});
