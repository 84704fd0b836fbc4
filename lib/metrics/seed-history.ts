// History for the demo (npm run db:seed): `days` of samples for some VPS, written straight
// to the tables (the ingest refuses samples older than 47 h), one a minute for the last
// 47 hours and one every 5 minutes before, then rolled up and pruned as the workers would.
// Skipped for a VPS that already has rollups older than a week (seeded before).
import type { Db } from "../db";
import { writeSamples, type SampleRow } from "./ingest-samples";
import { pruneMetrics } from "./retention";
import { runRollupPass } from "./rollup";

export interface HistorySample {
  cpu_percent: number | null;
  ram_used_mb: number | null;
  disk_read_bps: number | null;
  disk_write_bps: number | null;
  net_rx_bps: number | null;
  net_tx_bps: number | null;
}

const MIN = 60_000;

export async function seedMetricsHistory(
  db: Db,
  vpsList: readonly { id: number; ram: number }[],
  sample: (vps: { id: number; ram: number }, atMs: number) => HistorySample,
  { days = 30, now = Date.now() } = {},
): Promise<number> {
  let written = 0;
  const weekAgo = now - 7 * 24 * 60 * MIN;
  for (const vps of vpsList) {
    const [seeded] = await db.$queryRawUnsafe<{ n: number }[]>(
      "SELECT count(*)::int AS n FROM vps_metric_rollups WHERE vps_id = $1 AND bucket < to_timestamp($2::float8 / 1000)",
      vps.id,
      weekAgo,
    );
    if (Number(seeded?.n ?? 0) > 0) continue;
    const end = Math.floor(now / MIN) * MIN;
    const fine = end - 47 * 60 * MIN;
    const rows: SampleRow[] = [];
    for (let t = Math.floor((end - days * 24 * 60 * MIN) / (5 * MIN)) * 5 * MIN; t <= end; t += t < fine ? 5 * MIN : MIN) {
      const s = sample(vps, t);
      rows.push({ vpsId: vps.id, atMs: t, cpu: s.cpu_percent, ram: s.ram_used_mb, diskRead: s.disk_read_bps, diskWrite: s.disk_write_bps, netRx: s.net_rx_bps, netTx: s.net_tx_bps });
    }
    for (let i = 0; i < rows.length; i += 5000) await writeSamples(db, rows.slice(i, i + 5000));
    written += rows.length;
  }
  if (written > 0) {
    await runRollupPass(db, { maxBatches: 1000 });
    await pruneMetrics(db, new Date(now));
  }
  return written;
}
