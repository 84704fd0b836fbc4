// The wire shapes of resource graphs (PRODUCT.md §11): the main site's samples, the chart
// ranges and the traffic month. Browser-safe (the VPS page imports the ranges and points).
import { z } from "zod";

export const MAX_SAMPLES_PER_BATCH = 5_000;
/** How far back a sample may be: the raw window (48 h) less an hour, so that every hour a
 *  sample falls into is still whole in the raw table when its rollup is rebuilt. */
export const OLDEST_SAMPLE_MS = 47 * 3_600_000;
/** How far ahead of the panel's clock a sample may be (clock skew). */
export const NEWEST_SAMPLE_MS = 5 * 60_000;

/** The bounds of a sample's fields (the schema below; lib/metrics/ingest-samples.ts's fast
 *  check of well-formed samples reads the same). */
export const SAMPLE_LIMITS = { vpsId: 2_147_483_647, cpu: 100, ramMb: 1e9, rate: 1e12 } as const;

const rate = z.number().finite().min(0).max(SAMPLE_LIMITS.rate).nullable().optional();

/** One sample; only vps_id and at are required. Rates are bytes per second. */
export const metricSampleSchema = z.object({
  vps_id: z.number().int().min(1).max(SAMPLE_LIMITS.vpsId),
  at: z.iso.datetime({ offset: true, message: "at must be an ISO 8601 time with a zone, e.g. 2026-12-03T08:00:00Z" }),
  cpu_percent: z.number().finite().min(0).max(SAMPLE_LIMITS.cpu).nullable().optional(),
  ram_used_mb: z.number().finite().min(0).max(SAMPLE_LIMITS.ramMb).nullable().optional(),
  disk_read_bps: rate,
  disk_write_bps: rate,
  net_rx_bps: rate,
  net_tx_bps: rate,
});
export type MetricSampleInput = z.output<typeof metricSampleSchema>;

/** The batch itself; each sample is checked on its own (a bad one is rejected, not the call). */
export const ingestBodySchema = z.object({
  samples: z
    .array(z.unknown(), { message: "samples must be an array" })
    .min(1, "samples must hold at least one sample")
    .max(MAX_SAMPLES_PER_BATCH, `samples may hold at most ${MAX_SAMPLES_PER_BATCH} samples a request`),
});

export interface IngestResult {
  accepted: number;
  rejected: { index: number; message: string }[];
}

export const METRIC_RANGES = ["1h", "24h", "7d", "30d", "1y"] as const;
export type MetricRange = (typeof METRIC_RANGES)[number];
const RANGE_ALIASES: Record<string, MetricRange> = { hour: "1h", day: "24h", week: "7d", month: "30d", year: "1y" };

export const metricsQuerySchema = z.object({
  range: z
    .string()
    .default("24h")
    .transform((r, ctx) => {
      const range = (METRIC_RANGES as readonly string[]).includes(r) ? (r as MetricRange) : RANGE_ALIASES[r];
      if (range) return range;
      ctx.addIssue({ code: "custom", message: "range must be one of 1h, 24h, 7d, 30d, 1y (or hour, day, week, month, year)" });
      return z.NEVER;
    }),
});

export const trafficQuerySchema = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "month must be YYYY-MM")
    .optional(),
});

/** A chart point: averages over `step_seconds` from `at`; null where no sample said. */
export interface MetricPoint {
  at: string;
  cpu_percent: number | null;
  cpu_max: number | null;
  ram_used_mb: number | null;
  disk_read_bps: number | null;
  disk_write_bps: number | null;
  net_rx_bps: number | null;
  net_tx_bps: number | null;
}

export interface MetricSeries {
  range: MetricRange;
  step_seconds: number;
  from: string;
  to: string;
  points: MetricPoint[];
}

export interface TrafficMonth {
  month: string;
  rx_bytes: number;
  tx_bytes: number;
  /** The plan's traffic_quota_gb in bytes (GB = 10⁹ bytes); null = unmetered or no plan. */
  quota_bytes: number | null;
}

/** The socket.io event the owner's and admins' pages extend their charts with. */
export const METRICS_EVENT = "vps.metrics";
export interface MetricsLiveMessage {
  vps_id: number;
  points: MetricPoint[];
}
