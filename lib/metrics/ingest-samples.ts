// POST /api/vps/metrics's work: check each sample on its own, then write the good ones in
// one statement (unnest of column arrays; never a row per query). The same statement drops
// samples of unknown or deleted VPS, replaces a repeated (vps_id, at), and appends a mark for
// each 5-minute bucket the samples touch for the rollup pass (no unique key on the marks: two
// ingests of the same minute never wait for each other).
import { queryPrepared, type Db } from "../db";
import { metricSampleSchema, NEWEST_SAMPLE_MS, OLDEST_SAMPLE_MS, type IngestResult } from "./schemas";

const INGEST_SQL = `
  WITH input AS (
    SELECT * FROM unnest($1::int[], $2::float8[], $3::real[], $4::real[], $5::real[], $6::real[], $7::real[], $8::real[])
      AS x(vps_id, at_ms, cpu, ram, dr, dw, rx, tx)
  ), known AS (
    SELECT i.*, v.user_id FROM input i JOIN vps v ON v.id = i.vps_id AND v.deleted_at IS NULL
  ), ins AS (
    INSERT INTO vps_metric_samples AS s (vps_id, at, cpu_percent, ram_used_mb, disk_read_bps, disk_write_bps, net_rx_bps, net_tx_bps)
    SELECT vps_id, to_timestamp(at_ms / 1000), cpu, ram, dr, dw, rx, tx FROM known
    ON CONFLICT (vps_id, at) DO UPDATE SET
      cpu_percent = EXCLUDED.cpu_percent, ram_used_mb = EXCLUDED.ram_used_mb,
      disk_read_bps = EXCLUDED.disk_read_bps, disk_write_bps = EXCLUDED.disk_write_bps,
      net_rx_bps = EXCLUDED.net_rx_bps, net_tx_bps = EXCLUDED.net_tx_bps
  ), dirty AS (
    INSERT INTO vps_metric_dirty (vps_id, bucket)
    SELECT DISTINCT vps_id, to_timestamp(floor(at_ms / 300000) * 300) FROM known
  )
  SELECT DISTINCT vps_id, user_id FROM known`;

/** A sample as written: epoch ms and the six values (null where the sample said nothing). */
export interface SampleRow {
  vpsId: number;
  atMs: number;
  cpu: number | null;
  ram: number | null;
  diskRead: number | null;
  diskWrite: number | null;
  netRx: number | null;
  netTx: number | null;
}

export interface IngestOutcome extends IngestResult {
  /** The written samples of each known VPS with its owner (for the live charts). */
  written: { vpsId: number; userId: number; rows: SampleRow[] }[];
}

/** Writes rows already checked; returns the owners of the VPS that exist (the rest were dropped). */
export async function writeSamples(db: Db, rows: readonly SampleRow[]): Promise<Map<number, number>> {
  if (rows.length === 0) return new Map();
  const cols = [
    rows.map((r) => r.vpsId),
    rows.map((r) => r.atMs),
    rows.map((r) => r.cpu),
    rows.map((r) => r.ram),
    rows.map((r) => r.diskRead),
    rows.map((r) => r.diskWrite),
    rows.map((r) => r.netRx),
    rows.map((r) => r.netTx),
  ];
  const known = await queryPrepared<{ vps_id: number; user_id: number }>(db, { name: "metrics_ingest", text: INGEST_SQL, values: cols });
  return new Map(known.map((k) => [Number(k.vps_id), Number(k.user_id)]));
}

const issueText = (issues: readonly { path: PropertyKey[]; message: string }[]) =>
  issues.map((i) => (i.path.length ? `${i.path.map(String).join(".")}: ${i.message}` : i.message)).join("; ");

export async function ingestSamples(db: Db, samples: readonly unknown[], now = Date.now()): Promise<IngestOutcome> {
  const rejected: IngestResult["rejected"] = [];
  const valid: { index: number; row: SampleRow }[] = [];
  samples.forEach((raw, index) => {
    const parsed = metricSampleSchema.safeParse(raw);
    if (!parsed.success) return void rejected.push({ index, message: issueText(parsed.error.issues) });
    const s = parsed.data;
    const atMs = Date.parse(s.at);
    if (atMs < now - OLDEST_SAMPLE_MS) return void rejected.push({ index, message: "at is more than 47 hours old: samples are kept 48 hours" });
    if (atMs > now + NEWEST_SAMPLE_MS) return void rejected.push({ index, message: "at is more than 5 minutes ahead of the panel's clock" });
    valid.push({
      index,
      row: {
        vpsId: s.vps_id,
        atMs,
        cpu: s.cpu_percent ?? null,
        ram: s.ram_used_mb ?? null,
        diskRead: s.disk_read_bps ?? null,
        diskWrite: s.disk_write_bps ?? null,
        netRx: s.net_rx_bps ?? null,
        netTx: s.net_tx_bps ?? null,
      },
    });
  });
  // The last of several samples for one (vps_id, at) wins, as a later request would (one
  // INSERT … ON CONFLICT may not touch a row twice).
  const byKey = new Map<string, SampleRow>();
  for (const { row } of valid) byKey.set(`${row.vpsId}:${row.atMs}`, row);
  const owners = await writeSamples(db, [...byKey.values()]);
  const written = new Map<number, { vpsId: number; userId: number; rows: SampleRow[] }>();
  let accepted = 0;
  for (const { index, row } of valid) {
    const userId = owners.get(row.vpsId);
    if (userId === undefined) {
      rejected.push({ index, message: `VPS ${row.vpsId} not found` });
      continue;
    }
    accepted++;
    let w = written.get(row.vpsId);
    if (!w) written.set(row.vpsId, (w = { vpsId: row.vpsId, userId, rows: [] }));
    w.rows.push(row);
  }
  rejected.sort((a, b) => a.index - b.index);
  return { accepted, rejected, written: [...written.values()] };
}
