// A chart's x axis spans the range asked for (from → to), not just the points it has.
import assert from "node:assert/strict";
import { test } from "node:test";
import { chartWindow } from "../../../lib/metrics/chart-window";

test("a day's series spans the day, in seconds, however few points it has", () => {
  const span = chartWindow({ from: "2026-12-03T19:25:00.000Z", to: "2026-12-04T19:26:17.747Z" });
  assert.deepEqual(span, [Date.parse("2026-12-03T19:25:00.000Z") / 1000, Date.parse("2026-12-04T19:26:17.747Z") / 1000]);
  assert.ok(span && span[1] - span[0] > 24 * 3600 - 1);
});

test("no series, an unreadable or an empty span: the chart falls back to its points", () => {
  assert.equal(chartWindow(undefined), undefined);
  assert.equal(chartWindow({ from: "nonsense", to: "2026-12-04T19:26:17.747Z" }), undefined);
  assert.equal(chartWindow({ from: "2026-12-04T19:26:17.747Z", to: "2026-12-04T19:26:17.747Z" }), undefined);
});
