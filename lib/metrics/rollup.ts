// Rollups, built incrementally: the ingest marks the 5-minute buckets its samples touch
// (vps_metric_dirty, repeats allowed); a pass claims marks and rebuilds, from the raw
// samples, each marked bucket's 5-minute rollup, the next bucket's, and their hours'. A rebuilt bucket is always whole (a
// sample is at most 47 h old and raw samples stay 48 h), so a late or repeated sample just
// marks its bucket again.
//
// Several panel processes run passes: one at a time, under a transaction-level advisory
// lock (a pass that does not get it skips; the holder does the work). Inside the lock each
// statement's snapshot is newer than the previous holder's commit, so a rollup is never
// written from older data than the one before it.
//
// Traffic: a sample's rate covers the time since the VPS's previous sample, when that is at
// most 5 minutes back, and 60 s otherwise (the first sample, or after a gap); a bucket's
// bytes are the sum of rate × covered time of its samples.
import type { Db } from "../db";

export const ROLLUP_STEPS = [300, 3600] as const;
export const ROLLUP_LOCK_KEY = 1_364_152_011; // "metric rollups": any fixed int4, unique in the project
export const ROLLUP_BATCH = 5_000;

const PASS_SQL = `
  WITH claimed AS (
    DELETE FROM vps_metric_dirty d USING (
      SELECT id FROM vps_metric_dirty ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED
    ) c WHERE d.id = c.id
    RETURNING d.vps_id, d.bucket
  ), touched AS (
    -- A bucket's first sample covers time back into the previous bucket: a late sample can
    -- change the next bucket's traffic too, so that one is rebuilt with it.
    SELECT DISTINCT vps_id, bucket + k * interval '5 minutes' AS bucket FROM claimed CROSS JOIN (VALUES (0), (1)) AS n(k)
  ), targets AS (
    SELECT vps_id, bucket AS b, 300 AS step FROM touched
    UNION
    SELECT DISTINCT vps_id, to_timestamp(floor(extract(epoch FROM bucket) / 3600) * 3600), 3600 FROM touched
  ), win AS (
    SELECT t.vps_id, t.b, t.step, s.at, s.cpu_percent, s.ram_used_mb, s.disk_read_bps, s.disk_write_bps, s.net_rx_bps, s.net_tx_bps,
           lag(s.at) OVER (PARTITION BY t.vps_id, t.step, t.b ORDER BY s.at) AS prev
      FROM targets t
      JOIN vps_metric_samples s ON s.vps_id = t.vps_id
       AND s.at >= t.b - interval '5 minutes' AND s.at < t.b + t.step * interval '1 second'
  ), covered AS (
    SELECT *, CASE WHEN prev IS NULL OR at - prev > interval '5 minutes' THEN 60 ELSE extract(epoch FROM at - prev) END AS secs
      FROM win
  ), agg AS (
    SELECT vps_id, step, b, count(*)::int AS n,
           avg(cpu_percent) AS cpu_avg, max(cpu_percent) AS cpu_max, avg(ram_used_mb) AS ram_avg,
           avg(disk_read_bps) AS dr, avg(disk_write_bps) AS dw, avg(net_rx_bps) AS rx, avg(net_tx_bps) AS tx,
           coalesce(sum(net_rx_bps::float8 * secs), 0) AS rx_bytes, coalesce(sum(net_tx_bps::float8 * secs), 0) AS tx_bytes
      FROM covered WHERE at >= b
     GROUP BY vps_id, step, b
  ), up AS (
    INSERT INTO vps_metric_rollups AS r (vps_id, step_seconds, bucket, samples, cpu_avg, cpu_max, ram_avg,
                                         disk_read_avg, disk_write_avg, net_rx_avg, net_tx_avg, rx_bytes, tx_bytes)
    SELECT vps_id, step, b, n, cpu_avg, cpu_max, ram_avg, dr, dw, rx, tx, rx_bytes, tx_bytes FROM agg
    ON CONFLICT (vps_id, step_seconds, bucket) DO UPDATE SET
      samples = EXCLUDED.samples, cpu_avg = EXCLUDED.cpu_avg, cpu_max = EXCLUDED.cpu_max, ram_avg = EXCLUDED.ram_avg,
      disk_read_avg = EXCLUDED.disk_read_avg, disk_write_avg = EXCLUDED.disk_write_avg,
      net_rx_avg = EXCLUDED.net_rx_avg, net_tx_avg = EXCLUDED.net_tx_avg,
      rx_bytes = EXCLUDED.rx_bytes, tx_bytes = EXCLUDED.tx_bytes
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM claimed)::int AS claimed, (SELECT count(*) FROM up)::int AS written`;

export interface RollupPass {
  /** False when another process held the lock (it is doing the work). */
  ran: boolean;
  /** Marks taken (a bucket marked by several ingests counts each time). */
  buckets: number;
  /** Rollup rows written (5-minute and hourly). */
  rows: number;
}

/** Rebuilds every marked bucket (in batches of ROLLUP_BATCH), unless another process is at it. */
export async function runRollupPass(db: Db, { batch = ROLLUP_BATCH, maxBatches = 50 } = {}): Promise<RollupPass> {
  const out: RollupPass = { ran: false, buckets: 0, rows: 0 };
  for (let i = 0; i < maxBatches; i++) {
    const step = await db.$transaction(
      async (tx) => {
        const [lock] = await tx.$queryRawUnsafe<{ ok: boolean }[]>(`SELECT pg_try_advisory_xact_lock(${ROLLUP_LOCK_KEY}) AS ok`);
        if (!lock?.ok) return null;
        const [r] = await tx.$queryRawUnsafe<{ claimed: number; written: number }[]>(PASS_SQL, batch);
        return { claimed: Number(r?.claimed ?? 0), written: Number(r?.written ?? 0) };
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
    if (!step) return out;
    out.ran = true;
    out.buckets += step.claimed;
    out.rows += step.written;
    if (step.claimed < batch) break;
  }
  return out;
}
