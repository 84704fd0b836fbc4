// The ingest's fast check of well-formed samples (lib/metrics/ingest-samples.ts) accepts
// only what the zod schema accepts, with the same values, and does accept the ordinary
// sample (else it would buy nothing); the column literal is what PostgreSQL reads back.
import assert from "node:assert/strict";
import { test } from "node:test";
import { numberArrayLiteral, rowOfSample, wellFormedSample } from "../../../lib/metrics/ingest-samples";
import { metricSampleSchema } from "../../../lib/metrics/schemas";

const FIELDS = ["cpu_percent", "ram_used_mb", "disk_read_bps", "disk_write_bps", "net_rx_bps", "net_tx_bps"] as const;

/** zod's verdict as the row the ingest would write. */
function zodRow(raw: unknown) {
  const p = metricSampleSchema.safeParse(raw);
  return p.success ? rowOfSample(p.data) : undefined;
}

test("ordinary samples pass the fast check with the values zod gives", () => {
  const samples: unknown[] = [
    { vps_id: 1, at: "2026-12-03T08:00:00Z", cpu_percent: 23.5, ram_used_mb: 1840, disk_read_bps: 1.2e6, disk_write_bps: 3.5e5, net_rx_bps: 1.5e6, net_tx_bps: 2.2e5 },
    { vps_id: 2_147_483_647, at: "2026-12-03T08:01:00.123Z" },
    { vps_id: 7, at: "2026-12-03T11:01:00+03:00", cpu_percent: null, ram_used_mb: 0, net_rx_bps: 1e12, extra: "ignored" },
    { vps_id: 7, at: "2028-02-29T00:00:00-05:30", cpu_percent: 100 },
  ];
  for (const s of samples) {
    const fast = wellFormedSample(s);
    assert.ok(fast, `fast check refused ${JSON.stringify(s)}`);
    assert.deepEqual(fast, zodRow(s));
  }
});

test("whatever the fast check accepts, zod accepts with the same row (generated samples)", () => {
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const ids = [1, 2, 42, 2_147_483_647, 0, -1, 1.5, 2_147_483_648, Number.MAX_SAFE_INTEGER + 2, "5", null, undefined, Number.NaN, Infinity];
  const ats = [
    "2026-12-03T08:00:00Z", "2026-12-03T08:00:00.5Z", "2026-12-03T08:00:00+03:00", "2026-02-30T08:00:00Z", "2027-02-29T08:00:00Z",
    "2028-02-29T08:00:00Z", "2026-12-03 08:00:00Z", "2026-12-03T08:00:00", "2026-12-03T24:00:00Z", "2026-12-03T08:60:00Z", "2026-12-03",
    "2026-12-03T08:00Z", "2026-12-03T08:00:00+0300", "2026-13-03T08:00:00Z", 1764748800000, "", null,
  ];
  const good = [0, 0.5, 50, 100, -0, 1e9, null, undefined];
  const values = [0, 0.5, 50, 100, 100.0001, 101, -0, -0.1, 1e9, 1e9 + 1, 1e12, 1e12 + 1, null, undefined, "1", true, Number.NaN, Infinity, -Infinity, [1], {}];
  let fastAccepted = 0;
  let zodAccepted = 0;
  for (let i = 0; i < 20_000; i++) {
    const s: Record<string, unknown> = { vps_id: rand() < 0.5 ? 1 : pick(ids), at: rand() < 0.5 ? ats[0] : pick(ats) };
    for (const f of FIELDS) if (rand() < 0.7) s[f] = rand() < 0.9 ? pick(good) : pick(values);
    if (rand() < 0.05) delete s.vps_id;
    if (rand() < 0.05) delete s.at;
    const raw: unknown = rand() < 0.02 ? pick([null, [s], "sample", 5]) : s;
    const fast = wellFormedSample(raw);
    const slow = zodRow(raw);
    if (slow) zodAccepted++;
    if (fast === undefined) continue;
    fastAccepted++;
    assert.deepEqual(fast, slow, `fast check accepted what zod refuses or reads differently: ${JSON.stringify(raw)}`);
  }
  assert.ok(zodAccepted > 200, `too few valid samples generated (${zodAccepted})`);
  assert.equal(fastAccepted, zodAccepted, "every sample zod accepts here is plainly well formed: the fast check should take it");
});

test("a column is PostgreSQL's array literal, NULL for a missing value", () => {
  assert.equal(numberArrayLiteral([1, 2.5, null, 1764748800000, 1e-7, 0]), "{1,2.5,NULL,1764748800000,1e-7,0}");
  assert.equal(numberArrayLiteral([]), "{}");
});
