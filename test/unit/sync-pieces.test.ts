// Pure pieces of the sync API and tokens: request parsing, key comparison, token format,
// secret box, canonical JSON for idempotency hashes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

process.env.NEXTAUTH_SECRET ??= "unit-test-secret-0123456789abcdef0123456789";

const { parseSyncRequest } = await import("../../lib/vps/sync-schema");
const { isValidSyncKey } = await import("../../lib/auth/machine-key");
const { generateTokenSecret, hashToken, looksLikeToken, base62 } = await import("../../lib/tokens/token-secret");
const { encryptSecret, decryptSecret, deriveKey } = await import("../../lib/crypto/secret-box");
const { canonicalJson, requestHash } = await import("../../lib/http/idempotency");
const { createFingerprint } = await import("../../lib/vps/sync-vps");
const { parseEnv } = await import("../../lib/env");

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

describe("sync key, tokens, secrets", () => {
  it("compares keys in full, accepting any configured key", () => {
    const keys = ["a".repeat(40), "b".repeat(40)];
    assert.equal(isValidSyncKey("a".repeat(40), keys), true);
    assert.equal(isValidSyncKey("b".repeat(40), keys), true);
    for (const bad of [null, "", "a".repeat(39), "a".repeat(41), "c".repeat(40)]) assert.equal(isValidSyncKey(bad, keys), false);
  });
  it("tokens are osp_ + 43 base62 characters and hash deterministically", () => {
    const t = generateTokenSecret();
    assert.match(t, /^osp_[0-9A-Za-z]{43}$/);
    assert.ok(looksLikeToken(t));
    assert.equal(hashToken(t), hashToken(t));
    assert.notEqual(generateTokenSecret(), t);
    assert.equal(base62(Buffer.alloc(32)), "0".repeat(43));
    assert.equal(base62(Buffer.alloc(32, 0xff)).length, 43);
  });
  it("secret box round-trips, binds the purpose, and fails with another key", () => {
    const sealed = encryptSecret("root-pass", "vps.root_password");
    assert.match(sealed, /^v1\./);
    assert.notEqual(encryptSecret("root-pass", "vps.root_password"), sealed, "random IV");
    assert.equal(decryptSecret(sealed, "vps.root_password"), "root-pass");
    assert.throws(() => decryptSecret(sealed, "webhook.secret"));
    assert.throws(() => decryptSecret(sealed, "vps.root_password", deriveKey("another-key-0123456789abcdef0123456789")));
  });
  it("canonical JSON makes key order irrelevant to idempotency hashes", () => {
    assert.equal(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] }), '{"a":[{"c":3,"d":2}],"b":1}');
    assert.equal(requestHash("POST", "/x", { a: 1, b: 2 }), requestHash("POST", "/x", { b: 2, a: 1 }));
    assert.notEqual(requestHash("POST", "/x", { a: 1 }), requestHash("POST", "/y", { a: 1 }));
  });
  it("the create fingerprint covers the spec and the order, or the idempotency key", () => {
    const v = { user_id: 1, name: "a", cpu: 1, ram: 1024, disk: 10, os: "x", status: "creating" as const, hypervisor: "proxmox" };
    assert.equal(createFingerprint(v), createFingerprint({ ...v, status: "running" }));
    assert.notEqual(createFingerprint(v), createFingerprint({ ...v, cpu: 2 }));
    assert.notEqual(createFingerprint(v), createFingerprint({ ...v, order_id: 3 }));
    assert.notEqual(createFingerprint(v, "k1"), createFingerprint(v, "k2"));
  });
  it("PANEL_ENCRYPTION_KEY must be long and not trivially weak", () => {
    const base = { NODE_ENV: "development", NEXTAUTH_SECRET: "x".repeat(40) } as NodeJS.ProcessEnv;
    assert.throws(() => parseEnv({ ...base, PANEL_ENCRYPTION_KEY: "short" }), /PANEL_ENCRYPTION_KEY must be at least 32 characters/);
    assert.throws(() => parseEnv({ ...base, PANEL_ENCRYPTION_KEY: "a".repeat(40) }), /PANEL_ENCRYPTION_KEY is too weak/);
    assert.equal(parseEnv({ ...base, PANEL_ENCRYPTION_KEY: "0123456789abcdef0123456789abcdef" }).PANEL_ENCRYPTION_KEY?.length, 32);
  });
});
