import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeNotification, notificationHref } from "../../../lib/notifications/describe";
import { formatMetricValue } from "../../../lib/metrics/format";
import { toInputThreshold, toStoredThreshold } from "../../../lib/notifications/metric-units";

const name = (m: string) => `<${m}>`;
const month = (m: string) => `month ${m}`;

describe("describeNotification", () => {
  it("an alert: metric name, op, threshold and value with localised units", () => {
    const d = describeNotification({ kind: "alert.fired", vps_id: 3, params: { metric: "net_rx_bps", op: ">", threshold: 1_250_000, value: 2_500_000, for_minutes: 5, vps_name: "web" } }, "ru", name, month);
    assert.deepEqual(d, { key: "alertFired", values: { vps: "web", metric: "<net_rx_bps>", op: "gt", threshold: "10 Мбит/с", value: "20 Мбит/с", minutes: 5 } });
    const r = describeNotification({ kind: "alert.resolved", vps_id: 3, params: { metric: "ram_used_mb", op: "<", threshold: 2048, value: 4096, for_minutes: 1 } }, "en", name, month);
    assert.equal(r.key, "alertResolved");
    assert.equal(r.values.op, "lt");
    assert.equal(r.values.threshold, "2 GB");
    assert.equal(r.values.vps, "VPS #3", "no vps_name: the id");
  });
  it("a traffic notice: used and quota in GB, the month named", () => {
    const d = describeNotification({ kind: "traffic.80", vps_id: 1, params: { used_bytes: 800e9, quota_bytes: 1000e9, month: "2026-12", vps_name: "a" } }, "ru", name, month);
    assert.deepEqual(d, { key: "traffic80", values: { vps: "a", used: "800 ГБ", quota: "1 ТБ", month: "month 2026-12" } });
  });
  it("missing or odd params never throw; an unknown kind says its kind", () => {
    assert.equal(describeNotification({ kind: "alert.fired", vps_id: null, params: {} }, "ru", name, month).values.value, "—");
    assert.deepEqual(describeNotification({ kind: "later.kind" as "alert.fired", vps_id: null, params: {} }, "en", name, month), { key: "unknown", values: { vps: "VPS", kind: "later.kind" } });
  });
  it("links to the VPS page", () => {
    assert.equal(notificationHref({ vps_id: 9 }), "/vps/9");
    assert.equal(notificationHref({ vps_id: null }), "/notifications");
  });
});

describe("alert metric units", () => {
  it("typed thresholds become the samples' units and back", () => {
    assert.equal(toStoredThreshold("net_tx_bps", 100), 12_500_000); // 100 Mbit/s = 12.5 MB/s
    assert.equal(toStoredThreshold("disk_read_bps", 5), 5_000_000);
    assert.equal(toStoredThreshold("cpu_percent", 90), 90);
    assert.equal(toInputThreshold("net_tx_bps", 12_500_000), 100);
  });
  it("values are shown as the charts show them", () => {
    assert.equal(formatMetricValue("ru", "cpu_percent", 97.5), "97,5 %");
    assert.equal(formatMetricValue("en", "disk_write_bps", 2_000_000), "2 MB/s");
    assert.equal(formatMetricValue("en", "net_rx_bps", 125_000), "1 Mbit/s");
  });
});
