// Sealing and opening stored secrets (root passwords).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createSecretBox, SecretBoxError } from "../../lib/crypto/secret-box";

describe("secret box", () => {
  const box = createSecretBox("k".repeat(40));

  it("round-trips, with a fresh IV each time", () => {
    const a = box.seal("Pa$$w0rd-ключ");
    const b = box.seal("Pa$$w0rd-ключ");
    assert.notEqual(a, b);
    assert.match(a, /^v1:[A-Za-z0-9_-]+$/);
    assert.ok(!a.includes("Pa$$w0rd"));
    assert.equal(box.open(a), "Pa$$w0rd-ключ");
    assert.equal(box.open(b), "Pa$$w0rd-ключ");
  });

  it("refuses another key, tampering and junk", () => {
    const sealed = box.seal("secret");
    assert.throws(() => createSecretBox("x".repeat(40)).open(sealed), SecretBoxError);
    const raw = Buffer.from(sealed.slice(3), "base64url");
    raw[raw.length - 1] ^= 1;
    assert.throws(() => box.open(`v1:${raw.toString("base64url")}`), SecretBoxError);
    assert.throws(() => box.open("plain text"), SecretBoxError);
    assert.throws(() => box.open("v1:AAAA"), SecretBoxError);
  });
});
