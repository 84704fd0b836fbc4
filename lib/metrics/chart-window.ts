// The x axis of a resource chart: the whole range asked for (`from` → `to` of the series),
// in seconds, so a day's chart spans a day even when the VPS has reported for five minutes.
import type { MetricSeries } from "./types";

export function chartWindow(series: Pick<MetricSeries, "from" | "to"> | undefined): readonly [number, number] | undefined {
  if (!series) return undefined;
  const from = Date.parse(series.from) / 1000;
  const to = Date.parse(series.to) / 1000;
  return Number.isFinite(from) && Number.isFinite(to) && to > from ? [from, to] : undefined;
}
