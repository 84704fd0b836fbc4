// The chart series and the month's traffic of one VPS, for its owner or an administrator
// (someone else's VPS reads as not found). Each range reads the finest data that covers it
// and groups it to a step that keeps the chart near 50–750 points:
//   1h → raw samples by minute · 24h → 5-minute rollups · 7d → 5-minute rollups by 30 min
//   30d → hourly rollups · 1y → hourly rollups by day
import { queryPrepared, type Db } from "../db";
import { notFound } from "../errors";
import type { Actor } from "../users/actor";
import { readableVpsWhere, readsEveryVps } from "../vps/access";
import type { MetricPoint, MetricRange, MetricSeries, TrafficMonth } from "./schemas";

interface RangePlan {
  spanMs: number;
  source: "raw" | 300 | 3600;
  step: number;
}
const HOUR = 3_600_000;
export const RANGE_PLANS: Record<MetricRange, RangePlan> = {
  "1h": { spanMs: HOUR, source: "raw", step: 60 },
  "24h": { spanMs: 24 * HOUR, source: 300, step: 300 },
  "7d": { spanMs: 7 * 24 * HOUR, source: 300, step: 1800 },
  "30d": { spanMs: 30 * 24 * HOUR, source: 3600, step: 3600 },
  "1y": { spanMs: 365 * 24 * HOUR, source: 3600, step: 86400 },
};

const WINDOW = (col: string) => `${col} >= to_timestamp($2::float8 / 1000) AND ${col} <= to_timestamp($3::float8 / 1000)`;
const RAW_SQL = (step: number) => `
  SELECT floor(extract(epoch FROM at) / ${step}) * ${step} AS t,
         avg(cpu_percent) AS cpu, max(cpu_percent) AS cpu_max, avg(ram_used_mb) AS ram,
         avg(disk_read_bps) AS dr, avg(disk_write_bps) AS dw, avg(net_rx_bps) AS rx, avg(net_tx_bps) AS tx
    FROM vps_metric_samples
   WHERE vps_id = $1 AND ${WINDOW("at")}
   GROUP BY 1 ORDER BY 1`;
// Averages of averages weighted by each bucket's sample count.
const w = (col: string) => `sum(${col} * samples) / nullif(sum(samples) FILTER (WHERE ${col} IS NOT NULL), 0)`;
// The steps are literals, not parameters: the hourly rows are read from their own partial
// covering index (vps_metric_rollups_hourly_idx, `WHERE step_seconds = 3600`), which a
// prepared statement's generic plan may only use when the statement says 3600 itself.
const ROLLUP_SQL = (source: number, step: number) =>
  step === source
    ? // A point a rollup: its values as they are (an average over one bucket is itself),
      // in the index's order.
      `
  SELECT extract(epoch FROM bucket)::float8 AS t, cpu_avg AS cpu, cpu_max, ram_avg AS ram,
         disk_read_avg AS dr, disk_write_avg AS dw, net_rx_avg AS rx, net_tx_avg AS tx
    FROM vps_metric_rollups
   WHERE vps_id = $1 AND step_seconds = ${source} AND ${WINDOW("bucket")}
   ORDER BY bucket`
    : `
  SELECT floor(extract(epoch FROM bucket) / ${step}) * ${step} AS t,
         ${w("cpu_avg")} AS cpu, max(cpu_max) AS cpu_max, ${w("ram_avg")} AS ram,
         ${w("disk_read_avg")} AS dr, ${w("disk_write_avg")} AS dw, ${w("net_rx_avg")} AS rx, ${w("net_tx_avg")} AS tx
    FROM vps_metric_rollups
   WHERE vps_id = $1 AND step_seconds = ${source} AND ${WINDOW("bucket")}
   GROUP BY 1 ORDER BY 1`;

/**
 * The same series with the access check in the statement (one round trip where the check
 * was a query of its own): the VPS row as `readableVpsWhere` reads it — not deleted, and the
 * actor's own unless `$4` is null (an admin) — joined to the series. No row: not found;
 * one row with a null `t`: readable, no samples.
 */
const checked = (series: string) => `
  WITH v AS (SELECT id FROM vps WHERE id = $1 AND deleted_at IS NULL AND ($4::int IS NULL OR user_id = $4::int))
  SELECT s.* FROM v LEFT JOIN LATERAL (${series}) s ON true ORDER BY s.t`;

/** Each range's two statements (unchecked, checked), built once. */
const STATEMENTS = Object.fromEntries(
  (Object.entries(RANGE_PLANS) as [MetricRange, RangePlan][]).map(([range, plan]) => {
    const series = plan.source === "raw" ? RAW_SQL(plan.step) : ROLLUP_SQL(plan.source, plan.step);
    return [range, { plain: { name: `metrics_read_${range}`, text: series }, checked: { name: `metrics_read_${range}_checked`, text: checked(series) } }];
  }),
) as Record<MetricRange, Record<"plain" | "checked", { name: string; text: string }>>;

type Row = Record<"t" | "cpu" | "cpu_max" | "ram" | "dr" | "dw" | "rx" | "tx", number | string | null>;
const num = (v: number | string | null): number | null => (v === null ? null : Math.round(Number(v) * 100) / 100);

async function assertReadable(db: Db, actor: Actor, vpsId: number) {
  const vps = await db.vps.findFirst({ where: readableVpsWhere(actor, vpsId), select: { id: true, order: { select: { plan: { select: { trafficQuotaGb: true } } } } } });
  if (!vps) throw notFound(`VPS ${vpsId} not found`);
  return vps;
}

/** The series's rows; with `owner` (a user id, or null for an admin) only if that actor may
 *  read the VPS (else undefined), without it unchecked. */
async function seriesRows(db: Db, vpsId: number, range: MetricRange, from: number, now: number, owner?: number | null): Promise<Row[] | undefined> {
  if (owner === undefined) return queryPrepared<Row>(db, { ...STATEMENTS[range].plain, values: [vpsId, from, now] });
  const rows = await queryPrepared<Row>(db, { ...STATEMENTS[range].checked, values: [vpsId, from, now, owner] });
  if (rows.length === 0) return undefined;
  return rows.filter((r) => r.t !== null);
}

/** The series without an access check (the caller has made it): also the benchmark's query. */
export async function readSeries(db: Db, vpsId: number, range: MetricRange, now = Date.now()): Promise<MetricSeries> {
  return seriesFor(db, vpsId, range, now);
}

async function seriesFor(db: Db, vpsId: number, range: MetricRange, now: number, owner?: number | null): Promise<MetricSeries> {
  const plan = RANGE_PLANS[range];
  // The window starts on a step boundary, so the first point is a whole one.
  const from = Math.floor((now - plan.spanMs) / (plan.step * 1000)) * plan.step * 1000;
  const rows = await seriesRows(db, vpsId, range, from, now, owner);
  if (!rows) throw notFound(`VPS ${vpsId} not found`);
  const points: MetricPoint[] = rows.map((r) => ({
    at: new Date(Number(r.t) * 1000).toISOString(),
    cpu_percent: num(r.cpu),
    cpu_max: num(r.cpu_max),
    ram_used_mb: num(r.ram),
    disk_read_bps: num(r.dr),
    disk_write_bps: num(r.dw),
    net_rx_bps: num(r.rx),
    net_tx_bps: num(r.tx),
  }));
  return { range, step_seconds: plan.step, from: new Date(from).toISOString(), to: new Date(now).toISOString(), points };
}

/** The series for the VPS's owner or an admin (someone else's VPS reads as not found). */
export async function getVpsMetrics(db: Db, actor: Actor, vpsId: number, range: MetricRange, now = Date.now()): Promise<MetricSeries> {
  return seriesFor(db, vpsId, range, now, readsEveryVps(actor) ? null : actor.userId);
}

export const GB = 1_000_000_000;

/** The calendar month (UTC) "YYYY-MM" of a time. */
export const monthOf = (ms: number) => new Date(ms).toISOString().slice(0, 7);

export async function getVpsTraffic(db: Db, actor: Actor, vpsId: number, month: string): Promise<TrafficMonth> {
  const vps = await assertReadable(db, actor, vpsId);
  const [y, m] = month.split("-").map(Number) as [number, number];
  const start = Date.UTC(y, m - 1, 1);
  const end = Date.UTC(y, m, 1);
  const [row] = await db.$queryRawUnsafe<{ rx: number | null; tx: number | null }[]>(
    `SELECT sum(rx_bytes) AS rx, sum(tx_bytes) AS tx FROM vps_metric_rollups
      WHERE vps_id = $1 AND step_seconds = 3600 AND bucket >= to_timestamp($2::float8 / 1000) AND bucket < to_timestamp($3::float8 / 1000)`,
    vpsId,
    start,
    end,
  );
  const quota = vps.order?.plan.trafficQuotaGb ?? null;
  return {
    month,
    rx_bytes: Math.round(Number(row?.rx ?? 0)),
    tx_bytes: Math.round(Number(row?.tx ?? 0)),
    quota_bytes: quota === null ? null : quota * GB,
  };
}
