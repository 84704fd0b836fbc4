import assert from "node:assert/strict";
import { test } from "node:test";
import { metricSampleSchema } from "../../../../lib/metrics/schemas";
import { simulatedSample } from "../../../../examples/main-site/src/metrics";

const vps = { id: 7, ram: 4096 };
const day = Date.UTC(2026, 11, 1);

test("a simulated sample is valid for the panel, the same for the same minute, and busier in the afternoon", () => {
  const a = simulatedSample(vps, day + 13 * 3_600_000 + 5_000);
  assert.deepEqual(a, simulatedSample(vps, day + 13 * 3_600_000 + 40_000), "one sample a minute");
  assert.equal(a.at, new Date(day + 13 * 3_600_000).toISOString());
  let night = 0;
  let afternoon = 0;
  for (let m = 0; m < 60; m++) {
    const n = simulatedSample(vps, day + 1 * 3_600_000 + m * 60_000); // 04:00 Moscow
    const d = simulatedSample(vps, day + 13 * 3_600_000 + m * 60_000); // 16:00 Moscow
    for (const s of [n, d]) assert.ok(metricSampleSchema.safeParse(s).success, JSON.stringify(s));
    assert.ok(d.ram_used_mb <= vps.ram);
    night += n.net_rx_bps;
    afternoon += d.net_rx_bps;
  }
  assert.ok(afternoon > night * 2, `afternoon ${afternoon} vs night ${night}`);
});
