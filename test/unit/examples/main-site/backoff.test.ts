// The reference main site's backoff with jitter and Retry-After (examples/main-site/src/backoff.ts).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { backoffDelay, isRetryableStatus, retryAfterMs } from "../../../../examples/main-site/src/backoff";

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
