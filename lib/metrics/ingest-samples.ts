// POST /api/vps/metrics's work: check each sample on its own, then write the good ones in
// one statement (unnest of column arrays; never a row per query). The same statement drops
// samples of unknown or deleted VPS, replaces a repeated (vps_id, at), and appends a mark for
// each 5-minute bucket the samples touch for the rollup pass (no unique key on the marks: two
// ingests of the same minute never wait for each other).
import { queryPrepared, type Db } from "../db";
import { metricSampleSchema, NEWEST_SAMPLE_MS, OLDEST_SAMPLE_MS, SAMPLE_LIMITS, type IngestResult, type MetricSampleInput } from "./schemas";

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

/**
 * A column as PostgreSQL's array literal, `{1,2.5,NULL}`: the same text node-postgres sends
 * for a JS array, without its per-element quoting and escaping (a quarter of the ingest's
 * own CPU at 5,000 samples). Numbers only: finite (checked), so String() is a valid
 * int/float8/real literal.
 */
export function numberArrayLiteral(values: readonly (number | null)[]): string {
  let text = "{";
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    text += (i === 0 ? "" : ",") + (v === null || v === undefined ? "NULL" : String(v));
  }
  return `${text}}`;
}

/** Writes rows already checked; returns the owners of the VPS that exist (the rest were dropped). */
export async function writeSamples(db: Db, rows: readonly SampleRow[]): Promise<Map<number, number>> {
  if (rows.length === 0) return new Map();
  const column = (pick: (r: SampleRow) => number | null) => numberArrayLiteral(rows.map(pick));
  const cols = [
    column((r) => r.vpsId),
    column((r) => r.atMs),
    column((r) => r.cpu),
    column((r) => r.ram),
    column((r) => r.diskRead),
    column((r) => r.diskWrite),
    column((r) => r.netRx),
    column((r) => r.netTx),
  ];
  const known = await queryPrepared<{ vps_id: number; user_id: number }>(db, { name: "metrics_ingest", text: INGEST_SQL, values: cols });
  return new Map(known.map((k) => [Number(k.vps_id), Number(k.user_id)]));
}

const issueText = (issues: readonly { path: PropertyKey[]; message: string }[]) =>
  issues.map((i) => (i.path.length ? `${i.path.map(String).join(".")}: ${i.message}` : i.message)).join("; ");

// zod's own pattern for \`at\` (were a zod upgrade to drop it, nothing passes the fast check and
// zod checks every sample; the unit test notices).
const AT_PATTERN = metricSampleSchema.shape.at._zod.def.pattern ?? /(?!)/;
const inRange = (v: unknown, max: number): v is number | null | undefined => v === undefined || v === null || (typeof v === "number" && v >= 0 && v <= max);

/**
 * The sample as a row when it is plainly well formed, else undefined — then zod
 * (metricSampleSchema) decides and says what is wrong. It accepts only what the schema
 * accepts (the same bounds, zod's own pattern for `at`; test/unit/metrics/ingest-check.test.ts
 * compares them on generated samples): zod per sample was most of the ingest's CPU.
 */
export function wellFormedSample(raw: unknown): SampleRow | undefined {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return undefined;
  const s = raw as Record<string, unknown>;
  const { vps_id: id, at, cpu_percent: cpu, ram_used_mb: ram, disk_read_bps: dr, disk_write_bps: dw, net_rx_bps: rx, net_tx_bps: tx } = s;
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 1 || id > SAMPLE_LIMITS.vpsId) return undefined;
  if (typeof at !== "string" || !AT_PATTERN.test(at)) return undefined;
  if (!inRange(cpu, SAMPLE_LIMITS.cpu) || !inRange(ram, SAMPLE_LIMITS.ramMb)) return undefined;
  if (!inRange(dr, SAMPLE_LIMITS.rate) || !inRange(dw, SAMPLE_LIMITS.rate) || !inRange(rx, SAMPLE_LIMITS.rate) || !inRange(tx, SAMPLE_LIMITS.rate)) return undefined;
  return { vpsId: id, atMs: Date.parse(at), cpu: cpu ?? null, ram: ram ?? null, diskRead: dr ?? null, diskWrite: dw ?? null, netRx: rx ?? null, netTx: tx ?? null };
}

/** A sample zod has accepted, as the row written. */
export const rowOfSample = (s: MetricSampleInput): SampleRow => ({
  vpsId: s.vps_id,
  atMs: Date.parse(s.at),
  cpu: s.cpu_percent ?? null,
  ram: s.ram_used_mb ?? null,
  diskRead: s.disk_read_bps ?? null,
  diskWrite: s.disk_write_bps ?? null,
  netRx: s.net_rx_bps ?? null,
  netTx: s.net_tx_bps ?? null,
});

/** The row of a sample, or the reason it is refused (zod's issues, or its time). */
function checkSample(raw: unknown, now: number): SampleRow | string {
  let row = wellFormedSample(raw);
  if (!row) {
    const parsed = metricSampleSchema.safeParse(raw);
    if (!parsed.success) return issueText(parsed.error.issues);
    row = rowOfSample(parsed.data);
  }
  if (row.atMs < now - OLDEST_SAMPLE_MS) return "at is more than 47 hours old: samples are kept 48 hours";
  if (row.atMs > now + NEWEST_SAMPLE_MS) return "at is more than 5 minutes ahead of the panel's clock";
  return row;
}

export async function ingestSamples(db: Db, samples: readonly unknown[], now = Date.now()): Promise<IngestOutcome> {
  const rejected: IngestResult["rejected"] = [];
  const valid: { index: number; row: SampleRow }[] = [];
  samples.forEach((raw, index) => {
    const row = checkSample(raw, now);
    if (typeof row === "string") rejected.push({ index, message: row });
    else valid.push({ index, row });
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
