"use client";
// The VPS page's resource graphs (PRODUCT.md §11): CPU, memory, disk and network for an
// hour to a year, the month's traffic against the plan's quota, extended live by the
// `vps.metrics` socket event (the hour's chart takes the new points; longer ranges re-read
// at most once a minute).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo, useRef, useState } from "react";
import { useFormatter, useLocale, useTranslations } from "use-intl";
import { EmptyState } from "@/components/list/empty-state";
import { useSocketMessage } from "@/components/realtime/use-live-events";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { apiFetch } from "@/lib/api-client";
import type { Locale } from "@/lib/i18n/config";
import { formatBitRate, formatByteRate, formatPercent, formatRamMb, formatTraffic, RAM_MB_TICK_STEPS } from "@/lib/metrics/format";
import { METRIC_RANGES, METRICS_EVENT, type MetricPoint, type MetricRange, type MetricSeries, type MetricsLiveMessage, type TrafficMonth } from "@/lib/metrics/types";
import { cn } from "@/lib/utils/cn";
import { chartWindow } from "@/lib/metrics/chart-window";
import { MetricChart } from "./metric-chart";

const metricsKey = (vpsId: number, range: MetricRange) => ["vps", vpsId, "metrics", range] as const;
const trafficKey = (vpsId: number) => ["vps", vpsId, "traffic"] as const;
const REFETCH_AT_MOST_MS = 60_000;
const HOUR_MS = 3_600_000;

/** Live points into the hour's series: by minute, a newer point replacing its minute. */
function mergeIntoHour(series: MetricSeries, points: MetricPoint[]): MetricSeries {
  const byMinute = new Map(series.points.map((p) => [Math.floor(Date.parse(p.at) / 60_000), p]));
  for (const p of points) {
    const minute = Math.floor(Date.parse(p.at) / 60_000);
    byMinute.set(minute, { ...p, at: new Date(minute * 60_000).toISOString() });
  }
  const from = Date.now() - HOUR_MS;
  const merged = [...byMinute.entries()].filter(([m]) => m * 60_000 >= from).sort(([a], [b]) => a - b).map(([, p]) => p);
  return { ...series, points: merged, from: new Date(from).toISOString(), to: new Date().toISOString() };
}

export function MetricsSection({ vpsId }: { vpsId: number }) {
  const t = useTranslations("metrics");
  const locale = useLocale() as Locale;
  const format = useFormatter();
  const queryClient = useQueryClient();
  const [range, setRange] = useState<MetricRange>("24h");
  const series = useQuery({
    queryKey: metricsKey(vpsId, range),
    queryFn: ({ signal }) => apiFetch<MetricSeries>(`/api/vps/${vpsId}/metrics?range=${range}`, { signal }),
    refetchInterval: range === "1h" ? false : 5 * 60_000,
  });
  const traffic = useQuery({
    queryKey: trafficKey(vpsId),
    queryFn: ({ signal }) => apiFetch<TrafficMonth>(`/api/vps/${vpsId}/traffic`, { signal }),
  });

  const lastRefetch = useRef(0);
  const onLive = useCallback(
    (m: MetricsLiveMessage) => {
      if (m.vps_id !== vpsId) return;
      queryClient.setQueryData<MetricSeries>(metricsKey(vpsId, "1h"), (old) => (old ? mergeIntoHour(old, m.points) : old));
      if (Date.now() - lastRefetch.current < REFETCH_AT_MOST_MS) return;
      lastRefetch.current = Date.now();
      for (const r of METRIC_RANGES) if (r !== "1h") void queryClient.invalidateQueries({ queryKey: metricsKey(vpsId, r) });
      void queryClient.invalidateQueries({ queryKey: trafficKey(vpsId) });
    },
    [queryClient, vpsId],
  );
  useSocketMessage<MetricsLiveMessage>(METRICS_EVENT, onLive);

  const points = series.data?.points;
  const data = useMemo(() => {
    const p = points ?? [];
    const xs = p.map((x) => Date.parse(x.at) / 1000);
    const bits = (v: number | null) => (v === null ? null : v * 8);
    return {
      cpu: [xs, p.map((x) => x.cpu_percent)] as [number[], (number | null)[]],
      ram: [xs, p.map((x) => x.ram_used_mb)] as [number[], (number | null)[]],
      disk: [xs, p.map((x) => x.disk_read_bps), p.map((x) => x.disk_write_bps)] as [number[], (number | null)[], (number | null)[]],
      net: [xs, p.map((x) => bits(x.net_rx_bps)), p.map((x) => bits(x.net_tx_bps))] as [number[], (number | null)[], (number | null)[]],
    };
  }, [points]);

  const xSpan = useMemo(() => chartWindow(series.data), [series.data]);
  const short = range === "1h" || range === "24h";
  const formatTime = (s: number) =>
    format.dateTime(new Date(s * 1000), range === "1y" ? "date" : "dateTime");
  const formatTick = (s: number) =>
    format.dateTime(new Date(s * 1000), short ? "tickTime" : range === "7d" ? "tickWeekday" : "tickDay");

  return (
    <Card data-testid="vps-metrics">
      <CardHeader className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="font-medium text-slate-900">{t("title")}</h2>
        <div role="group" aria-label={t("ranges")} className="inline-flex flex-wrap rounded-md border border-slate-300 bg-white p-0.5" data-testid="metrics-ranges">
          {METRIC_RANGES.map((r) => (
            <button
              key={r}
              type="button"
              aria-pressed={r === range}
              onClick={() => setRange(r)}
              data-range={r}
              className={cn(
                "min-h-9 rounded px-3 text-sm font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-500",
                r === range ? "bg-sky-600 text-white" : "text-slate-700 hover:bg-slate-100",
              )}
            >
              {t(`range.${r}`)}
            </button>
          ))}
        </div>
      </CardHeader>
      <CardBody className="space-y-5">
        <TrafficBar traffic={traffic.data} locale={locale} />
        {series.isPending ? (
          <p role="status" className="flex items-center gap-2 py-10 text-sm text-slate-600" data-testid="metrics-loading">
            <Spinner /> {t("loading")}
          </p>
        ) : series.isError ? (
          <div role="alert" className="flex flex-wrap items-center gap-3 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
            {t("error")}
            <Button variant="secondary" size="sm" onClick={() => void series.refetch()}>{t("retry")}</Button>
          </div>
        ) : !points || points.length === 0 ? (
          <EmptyState level={3} title={t("emptyTitle")} text={t("emptyBody")} testId="metrics-empty" />
        ) : (
          <div className="grid gap-6 md:grid-cols-2" data-testid="metrics-charts" data-range={series.data.range} data-step={series.data.step_seconds}>
            <MetricChart testId="chart-cpu" span={xSpan} title={t("cpu")} series={[{ label: t("cpuSeries"), color: "#0284c7" }]} data={data.cpu} format={(v) => formatPercent(locale, v)} timeLabel={t("time")} formatTime={formatTime} formatTick={formatTick} min={0} max={100} />
            <MetricChart testId="chart-ram" span={xSpan} title={t("ram")} series={[{ label: t("ramSeries"), color: "#7c3aed" }]} data={data.ram} format={(v, ref) => formatRamMb(locale, v, ref)} yIncrs={RAM_MB_TICK_STEPS} timeLabel={t("time")} formatTime={formatTime} formatTick={formatTick} min={0} />
            <MetricChart testId="chart-disk" span={xSpan} title={t("disk")} series={[{ label: t("diskRead"), color: "#059669" }, { label: t("diskWrite"), color: "#d97706" }]} data={data.disk} format={(v, ref) => formatByteRate(locale, v, ref)} timeLabel={t("time")} formatTime={formatTime} formatTick={formatTick} min={0} />
            <MetricChart testId="chart-net" span={xSpan} title={t("net")} series={[{ label: t("netRx"), color: "#0284c7" }, { label: t("netTx"), color: "#db2777" }]} data={data.net} format={(v, ref) => formatBitRate(locale, v, ref)} timeLabel={t("time")} formatTime={formatTime} formatTick={formatTick} min={0} />
          </div>
        )}
      </CardBody>
    </Card>
  );
}

function TrafficBar({ traffic, locale }: { traffic: TrafficMonth | undefined; locale: Locale }) {
  const t = useTranslations("metrics");
  if (!traffic) return null;
  const used = traffic.rx_bytes + traffic.tx_bytes;
  const share = traffic.quota_bytes ? Math.min(1, used / traffic.quota_bytes) : null;
  return (
    <div data-testid="metrics-traffic">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 text-sm">
        <span className="font-medium text-slate-800">{t("traffic")}</span>
        <span className="text-slate-900" data-testid="metrics-traffic-used">
          {traffic.quota_bytes
            ? t("trafficUsed", { used: formatTraffic(locale, used), quota: formatTraffic(locale, traffic.quota_bytes) })
            : t("trafficUnmetered", { used: formatTraffic(locale, used) })}
        </span>
      </div>
      {share !== null && (
        <div role="progressbar" aria-label={t("traffic")} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(share * 100)} className="mt-2 h-2 overflow-hidden rounded-full bg-slate-200">
          <div className={cn("h-full rounded-full", share >= 1 ? "bg-red-600" : share >= 0.8 ? "bg-amber-500" : "bg-sky-600")} style={{ width: `${share * 100}%` }} />
        </div>
      )}
      <p className="mt-1 text-xs text-slate-600">{t("trafficSplit", { rx: formatTraffic(locale, traffic.rx_bytes), tx: formatTraffic(locale, traffic.tx_bytes) })}</p>
    </div>
  );
}
