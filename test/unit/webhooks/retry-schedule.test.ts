// Retry schedule parsing, jitter bounds and Retry-After.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { JITTER, nextRetryDelay, parseDuration, parseRetryAfter, parseRetrySchedule, withJitter } from "../../../lib/webhooks/retry-schedule";
import { parseEnv } from "../../../lib/env";

describe("webhook retry schedule", () => {
  it("parses the documented format", () => {
    assert.deepEqual(parseRetrySchedule("10s,1m,5m,30m,2h,6h,24h"), [10e3, 60e3, 300e3, 1800e3, 7200e3, 21600e3, 86400e3]);
    assert.deepEqual(parseRetrySchedule(" 1s , 1s,2s "), [1000, 1000, 2000]);
    assert.equal(parseDuration("2d"), 172_800_000);
    assert.throws(() => parseRetrySchedule(""));
    assert.throws(() => parseRetrySchedule("10x"));
    assert.throws(() => parseDuration("1.5h"));
  });

  it("the default schedule is about 10 retries over about 3 days", () => {
    const env = parseEnv({ NODE_ENV: "test", DATA_DIR: "/tmp/ospab-unit-env" });
    const s = parseRetrySchedule(env.WEBHOOK_RETRY_SCHEDULE);
    assert.ok(s.length >= 9 && s.length <= 11, `${s.length} retries`);
    const days = s.reduce((a, b) => a + b, 0) / 86_400_000;
    assert.ok(days > 2.5 && days < 3.5, `${days} days`);
  });

  it("jitter stays within ±20%", () => {
    assert.equal(withJitter(10_000, () => 0), 10_000 * (1 - JITTER));
    assert.equal(withJitter(10_000, () => 0.999999), Math.round(10_000 * (1 + JITTER * 0.999998)));
    for (let i = 0; i < 1000; i++) {
      const d = withJitter(60_000);
      assert.ok(d >= 48_000 && d <= 72_000, String(d));
    }
    // It actually varies.
    assert.ok(new Set(Array.from({ length: 50 }, () => withJitter(60_000))).size > 10);
  });

  it("walks the schedule and stops when it is used up", () => {
    const s = [1000, 2000, 4000];
    const mid = () => 0.5;
    assert.equal(nextRetryDelay(s, 1, null, mid), 1000);
    assert.equal(nextRetryDelay(s, 2, null, mid), 2000);
    assert.equal(nextRetryDelay(s, 3, null, mid), 4000);
    assert.equal(nextRetryDelay(s, 4, null, mid), null);
  });

  it("Retry-After pushes the next attempt later, never earlier, capped at the longest step", () => {
    const s = [1000, 60_000];
    const mid = () => 0.5;
    assert.equal(nextRetryDelay(s, 1, 30_000, mid), 30_000);
    assert.equal(nextRetryDelay(s, 1, 10, mid), 1000);
    assert.equal(nextRetryDelay(s, 1, 3_600_000, mid), 60_000);
    assert.equal(parseRetryAfter("120"), 120_000);
    const now = Date.parse("2026-01-01T00:00:00Z");
    assert.equal(parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now), 30_000);
    assert.equal(parseRetryAfter("soon"), null);
    assert.equal(parseRetryAfter(null), null);
  });
});
