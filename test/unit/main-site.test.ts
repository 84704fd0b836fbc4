// The reference main site's pure parts: backoff with jitter, Retry-After, signatures.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { describe, it } from "node:test";
import { backoffDelay, isRetryableStatus, retryAfterMs } from "../../examples/main-site/src/backoff";
import { verifySignature } from "../../examples/main-site/src/signature";

describe("main site: backoff", () => {
  it("grows exponentially up to the cap, with full jitter", () => {
    const opts = { baseMs: 500, maxMs: 30_000 };
    assert.deepEqual([0, 1, 2, 3, 10].map((a) => backoffDelay(a, opts, () => 0.999999)), [499, 999, 1999, 3999, 29999]);
    assert.equal(backoffDelay(5, opts, () => 0), 0);
  });

  it("reads Retry-After as seconds or a date, and retries only what may succeed later", () => {
    assert.equal(retryAfterMs("7"), 7000);
    assert.equal(retryAfterMs(new Date(10_000).toUTCString(), 4_000), 6000);
    assert.equal(retryAfterMs("soon"), null);
    assert.equal(retryAfterMs(null), null);
    assert.deepEqual([408, 429, 500, 503, 400, 401, 404, 409, 422].map(isRetryableStatus), [true, true, true, true, false, false, false, false, false]);
  });
});

describe("main site: webhook signature", () => {
  const secret = "whsec-demo";
  const body = Buffer.from('{"order_id": 5, "plan": {"code": "vps-pro"}}');
  const good = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

  it("accepts the HMAC of the exact bytes and nothing else", () => {
    assert.equal(verifySignature(secret, body, good), true);
    assert.equal(verifySignature(secret, Buffer.from('{"order_id":5,"plan":{"code":"vps-pro"}}'), good), false, "re-serialised JSON differs");
    assert.equal(verifySignature("other", body, good), false);
    assert.equal(verifySignature(secret, body, good.toUpperCase()), false);
    assert.equal(verifySignature(secret, body, undefined), false);
    assert.equal(verifySignature(secret, body, "sha256="), false);
  });
});
