// A read cursor over the outbox (`domain_events`), one per consumer: the socket relay
// ("relay") and the webhook fan-out ("webhooks"). The outbox stays insert-only — consuming an
// event writes nothing to its row, so the sync API's inserts are the only writes the table's
// indexes see (before, each consumer marked the row, a non-HOT update rewriting it and all its
// indexes twice per event).
//
// A cursor is one row of `outbox_cursors`:
// - `position`: the highest event id the consumer has processed;
// - `gaps`: ids below `position` it has not seen yet — ids PostgreSQL handed out to
//   transactions that had not committed when a later id was read (commits are not in id
//   order), or that rolled back and will never appear. Each gap is looked for again on every
//   read until its row appears (then it is processed, late but once) or its time to live
//   passes (GAP_TTL_MS, then it is given up: a transaction holding an event id for longer
//   is not expected; a rolled-back one leaves its id behind for good). At most MAX_GAPS are
//   kept; past that the lowest ids are given up first, with a warning.
// - `version`: every advance is a compare-and-swap on it, so of several panel processes
//   reading the same events exactly one advances the cursor past them; the others see the
//   swap fail, reload the cursor and read on from there. The relay swaps before it publishes;
//   the fan-out swaps in the same statement that writes the deliveries.
//
// `advanceCursor` is the pure part (unit-tested); `OutboxCursor` loads, reads and swaps.
import type { RunPrepared } from "../db";
import { log } from "../log";

export const GAP_TTL_MS = 5 * 60_000;
export const MAX_GAPS = 10_000;

export type Consumer = "relay" | "webhooks";

export interface CursorState {
  position: bigint;
  /** Gap id → epoch ms after which it is given up. */
  gaps: Map<bigint, number>;
}

export interface CursorOptions {
  gapTtlMs: number;
  maxGaps: number;
}

export interface Advance {
  next: CursorState;
  /** Ids to process now, ascending: gaps that appeared and new ids above the position. */
  take: bigint[];
  /** Gaps given up because their time to live passed. */
  expired: bigint[];
  /** Gaps given up because there were more than maxGaps. */
  dropped: bigint[];
  /** Whether the cursor must be written (something taken, expired or dropped). */
  changed: boolean;
}

/**
 * Moves a cursor over the ids one read found (`seen`: rows with id in the gaps or above the
 * position, in any order). Ids missing between the old position and the highest id seen
 * become gaps, to be looked for again until `nowMs + gapTtlMs`.
 */
export function advanceCursor(state: CursorState, seen: readonly bigint[], nowMs: number, opts: CursorOptions): Advance {
  const gaps = new Map(state.gaps);
  let position = state.position;
  const take: bigint[] = [];
  const ids = [...new Set(seen)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const id of ids) {
    if (gaps.delete(id)) {
      take.push(id);
    } else if (id > position) {
      // Everything between the position and this id is not visible yet. Never more than
      // maxGaps of them: the cap would give the older ones up at once anyway.
      const from = id - position - 1n > BigInt(opts.maxGaps) ? id - BigInt(opts.maxGaps) : position + 1n;
      for (let g = from; g < id; g++) gaps.set(g, nowMs + opts.gapTtlMs);
      position = id;
      take.push(id);
    }
    // else: at or below the position and not a gap — processed before; never taken twice.
  }
  const expired: bigint[] = [];
  for (const [id, until] of gaps) {
    if (until <= nowMs) {
      gaps.delete(id);
      expired.push(id);
    }
  }
  const dropped: bigint[] = [];
  if (gaps.size > opts.maxGaps) {
    const lowest = [...gaps.keys()].sort((a, b) => (a < b ? -1 : 1)).slice(0, gaps.size - opts.maxGaps);
    for (const id of lowest) {
      gaps.delete(id);
      dropped.push(id);
    }
  }
  expired.sort((a, b) => (a < b ? -1 : 1));
  return { next: { position, gaps }, take, expired, dropped, changed: take.length > 0 || expired.length > 0 || dropped.length > 0 };
}

/** The stored form of the gaps: a JSON object, id → epoch ms of its expiry. */
export function encodeGaps(gaps: Map<bigint, number>): string {
  const o: Record<string, number> = {};
  for (const [id, until] of gaps) o[String(id)] = until;
  return JSON.stringify(o);
}

export function decodeGaps(stored: unknown): Map<bigint, number> {
  const o = (typeof stored === "string" ? JSON.parse(stored) : stored ?? {}) as Record<string, number>;
  return new Map(Object.entries(o).map(([id, until]) => [BigInt(id), Number(until)]));
}

/** One outbox row as the consumers read it. */
export interface OutboxRow {
  id: string;
  type: string;
  user_id: number | null;
  vps_id: number | null;
  payload: unknown;
  created_at: Date | string;
}


const LOAD = `SELECT position::text AS position, gaps, version::text AS version FROM outbox_cursors WHERE consumer = $1`;
// A consumer without a row (a table emptied by hand) starts after the newest event: it
// does not replay history.
const CREATE = `INSERT INTO outbox_cursors (consumer, position, gaps, version, updated_at)
  SELECT $1, COALESCE(max(id), 0), '{}'::jsonb, 0, now() FROM domain_events
  ON CONFLICT (consumer) DO NOTHING`;
// The batch above the position is taken in id order inside a subquery: an ORDER BY beside
// `id::text AS id` would sort by the text (all rows above the position read and sorted, and
// "10000" before "9999") instead of walking the primary key for the next $3 rows.
// $4: the event types whose payload the consumer reads (NULL: every type); other rows come
// without it (the fan-out reads no payload that no webhook wants).
const PAYLOAD = `CASE WHEN $4::text[] IS NULL OR type = ANY($4::text[]) THEN payload END AS payload`;
const READ = `
  SELECT id::text AS id, type, user_id, vps_id, ${PAYLOAD}, created_at FROM domain_events WHERE id = ANY($2::bigint[])
  UNION ALL
  SELECT id::text AS id, type, user_id, vps_id, ${PAYLOAD}, created_at
    FROM (SELECT * FROM domain_events WHERE id > $1::bigint ORDER BY id LIMIT $3::int) AS fresh`;
/** The swap: $1 consumer, $2 position, $3 gaps, $4 the version read. */
export const SWAP_SQL = `UPDATE outbox_cursors SET position = $2::bigint, gaps = $3::jsonb, version = version + 1, updated_at = now()
  WHERE consumer = $1 AND version = $4::bigint RETURNING version::text AS version`;

/** A read, ready to be swapped in: the rows to process and the cursor after them. */
export interface CursorRead {
  rows: OutboxRow[];
  /** Rows read above the position (a full batch: read again after this one). */
  fresh: number;
  changed: boolean;
  /** $2..$4 of SWAP_SQL (position, gaps, the version read). */
  swap: [position: string, gaps: string, version: string];
  next: CursorState;
}

export class OutboxCursor {
  private state: (CursorState & { version: bigint }) | undefined;

  constructor(
    private readonly run: RunPrepared,
    readonly consumer: Consumer,
    private readonly opts: CursorOptions = { gapTtlMs: GAP_TTL_MS, maxGaps: MAX_GAPS },
    private readonly now: () => number = Date.now,
  ) {}

  private async load() {
    let [row] = await this.run<{ position: string; gaps: unknown; version: string }>({ name: "ospab_cursor_load", text: LOAD, values: [this.consumer] });
    if (!row) {
      await this.run({ name: "ospab_cursor_create", text: CREATE, values: [this.consumer] });
      [row] = await this.run<{ position: string; gaps: unknown; version: string }>({ name: "ospab_cursor_load", text: LOAD, values: [this.consumer] });
    }
    this.state = { position: BigInt(row.position), gaps: decodeGaps(row.gaps), version: BigInt(row.version) };
    return this.state;
  }

  /**
   * Reads the next events (at most `batch` above the position, plus any gaps that appeared).
   * `payloadTypes`: the types whose payload is wanted (default every type); the other rows'
   * payload is null.
   */
  async read(batch: number, payloadTypes: readonly string[] | null = null): Promise<CursorRead> {
    const state = this.state ?? (await this.load());
    const rows = await this.run<OutboxRow>({
      name: "ospab_cursor_read",
      text: READ,
      values: [String(state.position), [...state.gaps.keys()].map(String), batch, payloadTypes],
    });
    const a = advanceCursor(state, rows.map((r) => BigInt(r.id)), this.now(), this.opts);
    if (a.dropped.length > 0)
      log.warn("outbox: too many unseen event ids, giving the oldest up", { consumer: this.consumer, dropped: a.dropped.length, lowest: String(a.dropped[0]) });
    const take = new Set(a.take.map(String));
    return {
      rows: rows.filter((r) => take.has(r.id)).sort((x, y) => (BigInt(x.id) < BigInt(y.id) ? -1 : 1)),
      fresh: rows.filter((r) => BigInt(r.id) > state.position).length,
      changed: a.changed,
      swap: [String(a.next.position), encodeGaps(a.next.gaps), String(state.version)],
      next: a.next,
    };
  }

  /** After a swap: `newVersion` when it succeeded (the read is now ours), null when another process got there first. */
  settle(read: CursorRead, newVersion: string | null) {
    this.state = newVersion === null ? undefined : { ...read.next, version: BigInt(newVersion) };
  }

  /** Swaps the cursor on its own (the relay); true when this process won the read. */
  async swap(read: CursorRead): Promise<boolean> {
    const [row] = await this.run<{ version: string }>({ name: "ospab_cursor_swap", text: SWAP_SQL, values: [this.consumer, ...read.swap] });
    this.settle(read, row?.version ?? null);
    return Boolean(row);
  }

  /** Forget the cached cursor (after an error): the next read loads it again. */
  reset() {
    this.state = undefined;
  }
}
