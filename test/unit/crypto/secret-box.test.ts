// Sealing and opening secrets at rest (root passwords, idempotent replays).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decryptSecret, deriveKey, encryptSecret } from "../../../lib/crypto/secret-box";

// The configured key (getEnv, read on first use): NEXTAUTH_SECRET when PANEL_ENCRYPTION_KEY is unset.
process.env.NEXTAUTH_SECRET ??= "unit-test-secret-0123456789abcdef0123456789";

describe("secret box", () => {
  const key = deriveKey("k".repeat(40));

  it("round-trips, with a fresh IV each time", () => {
    const a = encryptSecret("Pa$$w0rd-ключ", "vps.root_password", key);
    const b = encryptSecret("Pa$$w0rd-ключ", "vps.root_password", key);
    assert.notEqual(a, b);
    assert.ok(!a.includes("Pa$$w0rd"));
    assert.equal(decryptSecret(a, "vps.root_password", key), "Pa$$w0rd-ключ");
    assert.equal(decryptSecret(b, "vps.root_password", key), "Pa$$w0rd-ключ");
  });

  it("refuses another key, another purpose, tampering and junk", () => {
    const sealed = encryptSecret("secret", "vps.root_password", key);
    assert.throws(() => decryptSecret(sealed, "vps.root_password", deriveKey("x".repeat(40))));
    assert.throws(() => decryptSecret(sealed, "idempotency", key));
    const parts = sealed.split(".");
    const ct = Buffer.from(parts[3], "base64url");
    ct[0] ^= 1;
    assert.throws(() => decryptSecret([...parts.slice(0, 3), ct.toString("base64url")].join("."), "vps.root_password", key));
    assert.throws(() => decryptSecret("plain text", "vps.root_password", key));
  });
});

describe("secret box with the configured key", () => {
  it("secret box round-trips, binds the purpose, and fails with another key", () => {
    const sealed = encryptSecret("root-pass", "vps.root_password");
    assert.match(sealed, /^v1\./);
    assert.notEqual(encryptSecret("root-pass", "vps.root_password"), sealed, "random IV");
    assert.equal(decryptSecret(sealed, "vps.root_password"), "root-pass");
    assert.throws(() => decryptSecret(sealed, "webhook.secret"));
    assert.throws(() => decryptSecret(sealed, "vps.root_password", deriveKey("another-key-0123456789abcdef0123456789")));
  });
});
