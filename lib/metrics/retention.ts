// What the graphs keep (PRODUCT.md §11): raw samples 48 h, 5-minute rollups 35 days,
// hourly rollups 400 days. Pruned by every process running the workers; the DELETEs are
// idempotent, so several at once are safe. Raw samples a marked bucket still needs (its
// hour, and the 5 minutes before it) stay until the rollup pass has taken the mark.
import type { Db } from "../db";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const RAW_RETENTION_MS = 48 * HOUR;
export const ROLLUP_RETENTION_MS = { 300: 35 * DAY, 3600: 400 * DAY } as const;

export interface MetricsPruned {
  samples: number;
  rollups5m: number;
  rollups1h: number;
}

export async function pruneMetrics(db: Db, now: Date = new Date()): Promise<MetricsPruned> {
  const ms = now.getTime();
  const samples = await db.$executeRawUnsafe(
    `DELETE FROM vps_metric_samples
      WHERE at < to_timestamp($1::float8 / 1000)
        AND at < coalesce((SELECT min(bucket) FROM vps_metric_dirty) - interval '65 minutes', 'infinity'::timestamptz)`,
    ms - RAW_RETENTION_MS,
  );
  const rollups5m = await db.$executeRawUnsafe(
    `DELETE FROM vps_metric_rollups WHERE step_seconds = 300 AND bucket < to_timestamp($1::float8 / 1000)`,
    ms - ROLLUP_RETENTION_MS[300],
  );
  const rollups1h = await db.$executeRawUnsafe(
    `DELETE FROM vps_metric_rollups WHERE step_seconds = 3600 AND bucket < to_timestamp($1::float8 / 1000)`,
    ms - ROLLUP_RETENTION_MS[3600],
  );
  return { samples, rollups5m, rollups1h };
}
