import assert from "node:assert/strict";
import { test } from "node:test";
import { formatBitRate, formatByteRate, formatMetricValue, formatPercent, formatRamMb, formatTraffic, RAM_MB_TICK_STEPS } from "../../../lib/metrics/format";

// Intl puts a no-break space between digit groups in Russian.
const plain = (s: string) => s.replace(/\u00a0|\u202f/g, " ");

test("network rates in bit/s with decimal prefixes, Russian and English", () => {
  assert.equal(plain(formatBitRate("ru", 12_500_000)), "12,5 Мбит/с");
  assert.equal(formatBitRate("en", 12_500_000), "12.5 Mbit/s");
  assert.equal(formatBitRate("en", 950), "950 bit/s");
  assert.equal(formatBitRate("en", 2_340_000_000), "2.34 Gbit/s");
  assert.equal(plain(formatBitRate("ru", 1500)), "1,5 Кбит/с");
});

test("disk rates in B/s, RAM in MB or GB, CPU in %, traffic in GB", () => {
  assert.equal(formatByteRate("en", 5_000_000), "5 MB/s");
  assert.equal(plain(formatByteRate("ru", 5_250_000)), "5,25 МБ/с");
  assert.equal(formatRamMb("en", 512), "512 MB");
  assert.equal(plain(formatRamMb("ru", 3072)), "3 ГБ");
  assert.equal(formatPercent("en", 42.25), "42.3 %");
  assert.equal(plain(formatTraffic("ru", 123_456_000_000)), "123,46 ГБ");
  assert.equal(formatTraffic("en", 2_500_000_000_000), "2.5 TB");
});

test("an axis passes its largest tick: every tick in one unit", () => {
  assert.equal(plain(formatRamMb("ru", 1000, 2000)), "0,98 ГБ");
  assert.equal(formatBitRate("en", 500_000, 12_000_000), "0.5 Mbit/s");
  assert.equal(formatByteRate("en", 0, 2_000_000), "0 MB/s");
});

test("an alert's threshold in its metric's unit: network bytes/s shown as bits/s", () => {
  assert.equal(formatMetricValue("en", "cpu_percent", 80), "80 %");
  assert.equal(formatMetricValue("en", "net_rx_bps", 125_000), "1 Mbit/s");
  assert.equal(plain(formatMetricValue("ru", "disk_write_bps", 5_000_000)), "5 МБ/с");
  assert.equal(plain(formatMetricValue("ru", "ram_used_mb", 2048)), "2 ГБ");
});

test("the memory axis's steps from 128 MB are powers of two: its GB ticks are round", () => {
  const plain = (s: string) => s.replace(/\s/g, " ");
  const big = RAM_MB_TICK_STEPS.filter((s) => s >= 128);
  assert.ok(big.length >= 8 && big.every((s, i) => i === 0 || s === big[i - 1] * 2));
  // Ticks of a 0-12 GB axis at the 4 GB step, told in GB as the axis does (reference 12 GB).
  assert.deepEqual([0, 1, 2, 3].map((k) => plain(formatRamMb("ru", k * 4096, 12288))), ["0 ГБ", "4 ГБ", "8 ГБ", "12 ГБ"]);
  assert.deepEqual([1, 2, 3].map((k) => plain(formatRamMb("en", k * 512, 1536))), ["0.5 GB", "1 GB", "1.5 GB"]);
  assert.ok(!RAM_MB_TICK_STEPS.includes(1000) && !RAM_MB_TICK_STEPS.includes(500), "no decimal steps a GB axis would read as 0.98 GB");
});
