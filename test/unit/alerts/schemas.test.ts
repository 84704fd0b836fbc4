// Alert rule bodies (lib/alerts/schemas.ts): what POST and PATCH accept and refuse.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createAlertRuleBody, updateAlertRuleBody } from "../../../lib/alerts/schemas";

const good = { vps_id: null, metric: "net_rx_bps", op: "<", threshold: 1e5, for_minutes: 10, channels: ["webhook", "panel"] };

describe("alert rule bodies", () => {
  it("accepts a rule and orders its channels, dropping repeats", () => {
    const r = createAlertRuleBody.parse({ ...good, channels: ["webhook", "panel", "webhook"] });
    assert.deepEqual(r.channels, ["panel", "webhook"]);
    assert.equal(r.vps_id, null);
  });
  it("refuses unknown metrics, ops, channels, durations out of 1..1440, CPU thresholds out of 0..100 and unknown fields", () => {
    for (const over of [{ metric: "load" }, { op: ">=" }, { channels: [] }, { channels: ["sms"] }, { for_minutes: 0 }, { for_minutes: 1441 }, { threshold: Number.NaN }, { metric: "cpu_percent", threshold: 101 }, { extra: 1 }])
      assert.equal(createAlertRuleBody.safeParse({ ...good, ...over }).success, false, JSON.stringify(over));
  });
  it("PATCH takes any subset but not nothing", () => {
    assert.deepEqual(updateAlertRuleBody.parse({ enabled: false }), { enabled: false });
    assert.equal(updateAlertRuleBody.safeParse({}).success, false);
    assert.equal(updateAlertRuleBody.safeParse({ user_id: 3 }).success, false);
  });
});
