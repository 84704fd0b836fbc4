// Webhook secrets at rest: AES-256-GCM, tamper-evident, key from PANEL_ENCRYPTION_KEY.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

process.env.PANEL_ENCRYPTION_KEY = "unit-test-encryption-key-0123456789abcdef";
process.env.DATA_DIR = "/tmp/ospab-unit-secretbox";
const { openSecret, sealSecret } = await import("../../../lib/crypto/secret-box");

describe("secret box", () => {
  it("seals and opens, never storing the plain text", () => {
    const sealed = sealSecret("мой-секрет-webhook");
    assert.ok(!sealed.includes("webhook"));
    assert.match(sealed, /^v1\./);
    assert.equal(openSecret(sealed), "мой-секрет-webhook");
    assert.notEqual(sealSecret("same"), sealSecret("same"), "random IV");
  });

  it("refuses tampered or foreign values", () => {
    const sealed = sealSecret("secret");
    const bytes = Buffer.from(sealed.slice(3), "base64url");
    bytes[bytes.length - 1] ^= 1;
    assert.throws(() => openSecret(`v1.${bytes.toString("base64url")}`), /cannot decrypt/);
    assert.throws(() => openSecret("v0.abc"), /unknown sealed format/);
  });
});
