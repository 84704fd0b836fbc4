// parseSyncRequest (lib/vps/sync-schema.ts): the sync API's request parsing and its messages.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

process.env.NEXTAUTH_SECRET ??= "unit-test-secret-0123456789abcdef0123456789";

const { parseSyncRequest } = await import("../../../lib/vps/sync-schema");

const msg = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return `${(e as { status?: number }).status} ${(e as Error).message}`;
  }
  return "ok";
};

describe("parseSyncRequest", () => {
  const create = { user_id: 5, name: "web", cpu: 4, ram: 8192, disk: 100, os: "Ubuntu 22.04 LTS" };
  it("applies defaults and keeps RAM in MB", () => {
    const r = parseSyncRequest({ action: "create", vps: create });
    assert.equal(r.action, "create");
    assert.deepEqual(r.vps, { ...create, status: "creating", hypervisor: "proxmox" });
  });
  it("names missing fields in contract order", () => {
    assert.equal(msg(() => parseSyncRequest({ action: "create", vps: { name: "x", ram: 1, disk: 1, os: "x" } })), "400 Missing required fields: user_id, cpu");
    assert.equal(msg(() => parseSyncRequest({ vps: {} })), "400 Missing required fields: action");
    assert.equal(msg(() => parseSyncRequest({ action: "delete", vps: {} })), "400 Missing required fields: id");
    assert.equal(msg(() => parseSyncRequest([])), "400 Request body must be a JSON object {action, vps}");
  });
  it("refuses impossible values and unknown statuses", () => {
    assert.match(msg(() => parseSyncRequest({ action: "create", vps: { ...create, cpu: -1 } })), /^400 Invalid values: cpu \(cores\) must be at least 1$/);
    assert.match(msg(() => parseSyncRequest({ action: "create", vps: { ...create, ram: 0.5 } })), /ram \(MB\) must be a whole number/);
    assert.match(msg(() => parseSyncRequest({ action: "update", vps: { id: 1, status: "on" } })), /status must be one of creating, running, stopped, suspended, error, deleting/);
    assert.match(msg(() => parseSyncRequest({ action: "update", vps: { id: 1 } })), /^400 Missing required fields: status/);
  });
  it("update accepts any subset, including null to clear", () => {
    const r = parseSyncRequest({ action: "update", vps: { id: 3, ip_address: null, root_password: "x", order_id: 7 } });
    assert.deepEqual(r.vps, { id: 3, ip_address: null, root_password: "x", order_id: 7 });
  });
});
