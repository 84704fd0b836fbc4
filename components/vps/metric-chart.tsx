"use client";
// One resource chart, drawn by uPlot (about 50 kB, loaded on first use as a chunk of its own,
// so only pages with charts download it). The legend under the chart is its tooltip: it
// shows the values under the cursor (or the latest ones), in the page's locale and units.
import { useEffect, useRef, useState } from "react";
import type uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { Spinner } from "@/components/ui/spinner";

export interface ChartSeries {
  label: string;
  color: string;
}

type Data = [number[], ...(number | null)[][]];

function showLatest(u: uPlot) {
  const n = u.data[0]?.length ?? 0;
  if (n > 0) u.setLegend({ idx: n - 1 });
}

let uplotModule: Promise<typeof uPlot> | undefined;
const loadUplot = () => (uplotModule ??= import("uplot").then((m) => m.default));

export function MetricChart({
  title,
  series,
  data,
  format,
  timeLabel,
  formatTime,
  formatTick,
  min,
  max,
  span,
  yIncrs,
  testId,
}: {
  title: string;
  series: ChartSeries[];
  data: Data;
  /** A value; `reference` (the axis's largest tick) picks the unit, so an axis has one. */
  format: (v: number, reference?: number) => string;
  /** The legend's label of the time. */
  timeLabel: string;
  /** The time of a point, in the legend. */
  formatTime: (seconds: number) => string;
  /** An x-axis tick. */
  formatTick: (seconds: number) => string;
  min?: number;
  max?: number;
  /** The x axis's span, seconds [from, to]: the range asked for, however few points it has. */
  span?: readonly [number, number];
  /** The y axis's tick steps (uPlot picks the smallest that leaves room); its defaults else. */
  yIncrs?: readonly number[];
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const [ready, setReady] = useState(false);
  // The formatters change with every render; the chart reads them through this ref.
  const fmt = useRef({ format, formatTime, formatTick });
  fmt.current = { format, formatTime, formatTick };
  const latest = useRef(data);
  latest.current = data;
  const xSpan = useRef(span);
  xSpan.current = span;
  const shape = `${series.map((s) => s.label + s.color).join("|")}:${min}:${max}:${timeLabel}`;

  useEffect(() => {
    let live = true;
    let observer: ResizeObserver | undefined;
    void loadUplot().then((UPlot) => {
      const el = box.current;
      if (!live || !el) return;
      const width = Math.max(200, el.clientWidth);
      const opts: uPlot.Options = {
        width,
        height: width < 480 ? 150 : 180,
        cursor: { y: false, points: { size: 6 } },
        legend: { live: true },
        // Off the chart, the legend shows the latest values.
        hooks: { setCursor: [(u) => void (u.cursor.idx == null && showLatest(u))] },
        // The x axis spans the range asked for (a day is a day even with two points in it).
        scales: { x: { time: true, range: (_u, lo, hi) => (xSpan.current ? [xSpan.current[0], xSpan.current[1]] : [lo, hi]) }, y: { range: (_u, lo, hi) => [min ?? Math.min(0, lo), max ?? (hi > 0 ? hi * 1.1 : 1)] } },
        series: [
          { label: timeLabel, value: (_u, v) => (v === null || v === undefined ? "—" : fmt.current.formatTime(v)) },
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: 1.5,
            fill: `${s.color}1f`,
            // Dots where a line cannot show the data: one or two points in the window.
            points: { show: (u: uPlot) => u.data[0].length <= 2, size: 5 },
            value: (_u: uPlot, v: number | null) => (v === null || v === undefined ? "—" : fmt.current.format(v)),
          })),
        ],
        axes: [
          // A date tick ("12 нояб.") is about 45 px wide: 64 px apart, so a phone's month chart does not run them together.
          { stroke: "#475569", grid: { stroke: "#e2e8f0" }, ticks: { stroke: "#cbd5e1" }, space: 64, values: (_u, splits) => splits.map((s) => fmt.current.formatTick(s)), font: "11px system-ui, sans-serif" },
          { stroke: "#475569", grid: { stroke: "#e2e8f0" }, ticks: { stroke: "#cbd5e1" }, size: 76, ...(yIncrs ? { incrs: [...yIncrs] } : {}), values: (_u, splits) => splits.map((s) => fmt.current.format(s, Math.max(...splits.map(Math.abs)))), font: "11px system-ui, sans-serif" },
        ],
      };
      chart.current = new UPlot(opts, latest.current as uPlot.AlignedData, el);
      showLatest(chart.current);
      setReady(true);
      observer = new ResizeObserver(() => {
        const w = Math.max(200, el.clientWidth);
        chart.current?.setSize({ width: w, height: w < 480 ? 150 : 180 });
      });
      observer.observe(el);
    });
    return () => {
      live = false;
      observer?.disconnect();
      chart.current?.destroy();
      chart.current = null;
      setReady(false);
    };
    // The chart is rebuilt only when its series change; data goes in through setData.
  }, [shape]);

  useEffect(() => {
    const u = chart.current;
    if (!u) return;
    u.setData(data as uPlot.AlignedData);
    if (u.cursor.idx == null) showLatest(u);
  }, [data, ready]);

  return (
    <figure className="min-w-0" data-testid={testId} data-ready={ready} data-points={data[0].length} data-last={data[0][data[0].length - 1] ?? ""}>
      <figcaption className="mb-1 text-sm font-medium text-slate-800">{title}</figcaption>
      <div ref={box} className="metric-chart relative min-h-[150px] w-full text-xs text-slate-700">
        {!ready && (
          <div className="absolute inset-0 grid place-items-center text-slate-400">
            <Spinner />
          </div>
        )}
      </div>
    </figure>
  );
}
