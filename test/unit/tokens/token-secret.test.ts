// API token format and hashing (lib/tokens/token-secret.ts).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

process.env.NEXTAUTH_SECRET ??= "unit-test-secret-0123456789abcdef0123456789";

const { generateTokenSecret, hashToken, looksLikeToken, base62 } = await import("../../../lib/tokens/token-secret");

describe("token secrets", () => {
  it("tokens are osp_ + 43 base62 characters and hash deterministically", () => {
    const t = generateTokenSecret();
    assert.match(t, /^osp_[0-9A-Za-z]{43}$/);
    assert.ok(looksLikeToken(t));
    assert.equal(hashToken(t), hashToken(t));
    assert.notEqual(generateTokenSecret(), t);
    assert.equal(base62(Buffer.alloc(32)), "0".repeat(43));
    assert.equal(base62(Buffer.alloc(32, 0xff)).length, 43);
  });
});
