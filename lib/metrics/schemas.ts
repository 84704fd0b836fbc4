// The main site's samples and the graphs' queries (PRODUCT.md §11). The chart ranges,
// points and the live event are lib/metrics/types.ts (zod-free, what the browser imports).
import { z } from "zod";
import { METRIC_RANGES, type MetricRange } from "./types";

export * from "./types";

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
