// Canonical JSON for idempotency hashes (lib/http/idempotency.ts).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

process.env.NEXTAUTH_SECRET ??= "unit-test-secret-0123456789abcdef0123456789";

const { canonicalJson, requestHash } = await import("../../../lib/http/idempotency");

describe("idempotency request hash", () => {
  it("canonical JSON makes key order irrelevant to idempotency hashes", () => {
    assert.equal(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] }), '{"a":[{"c":3,"d":2}],"b":1}');
    assert.equal(requestHash("POST", "/x", { a: 1, b: 2 }), requestHash("POST", "/x", { b: 2, a: 1 }));
    assert.notEqual(requestHash("POST", "/x", { a: 1 }), requestHash("POST", "/y", { a: 1 }));
  });
});
