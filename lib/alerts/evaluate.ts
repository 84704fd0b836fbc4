// Alert evaluation (PRODUCT.md §11; semantics in docs/alerts.md). One pass evaluates every
// enabled rule for every VPS it covers in ONE statement over the raw samples (an index range
// of vps_metric_samples per (rule, VPS), never a round trip each) and moves alert_states.
//
// The window ends at the newest sample, not at the pass's clock: a sample stamped minute M
// describes that minute and reaches the panel some time later (the reference main site posts
// it during or after the minute; a main site may post late or in batches), so a window ending
// at *now* is often missing its newest minute — a 1-minute rule then saw an empty window and
// never fired, or fired and resolved every minute. For each (rule, VPS):
//
//   end     = the newest sample of the metric at most FRESH_MS old (none: ok — a silent VPS
//             resolves);
//   holds   = every sample in (end − for_minutes, end] is beyond the threshold and the oldest
//             is within COVER_MS of the window's start (the samples, a minute each, cover the
//             whole duration);
//   firing  when it holds; pending when the newest sample is beyond but the rule does not
//             hold yet; ok otherwise.
//
// A pass without new samples sees the same window and changes nothing, so a late pass or
// several passes per sample never fire or resolve twice.
//
// Exactly once across processes, by two independent means: the pass runs under a
// transaction-level advisory lock (another process's pass skips), and every state change is
// a compare-and-swap — UPDATE … WHERE state = <the state this pass read>, INSERT … ON
// CONFLICT DO NOTHING for a first row — so only the transaction whose write changed the row
// records the event and the notification, in that same transaction.
import type { Db } from "../db";
import { getEnv } from "../env";
import type { Prisma } from "../generated/prisma/client";
import { recordAlertTransitions, type AlertTransition } from "./record-transitions";
import type { AlertChannel, AlertMetric, AlertOp, AlertStateName } from "./schemas";

export const ALERTS_LOCK_KEY = 1_364_152_012; // "alert evaluation": unique among the project's advisory locks
/**
 * The newest sample counts while it is at most this old: samples may arrive late or a few
 * minutes at a time; a VPS with no sample this recent is ok (a firing alert resolves).
 */
export const FRESH_MS = 5 * 60_000;
/**
 * The oldest sample of the window must be at most this far after the window's start: a
 * sample stands for the minute from its `at`, plus half a minute of slack for timestamps
 * that are not on the minute. So a 5-minute rule needs the five minute samples ending at the
 * newest, all beyond.
 */
export const COVER_MS = 90_000;

const METRIC_SQL = `CASE p.metric WHEN 'cpu_percent' THEN s.cpu_percent WHEN 'ram_used_mb' THEN s.ram_used_mb
  WHEN 'disk_read_bps' THEN s.disk_read_bps WHEN 'disk_write_bps' THEN s.disk_write_bps
  WHEN 'net_rx_bps' THEN s.net_rx_bps WHEN 'net_tx_bps' THEN s.net_tx_bps END::float8`;

// $1 now (epoch ms), $2 FRESH_MS, $3 COVER_MS. alert_states' times are UTC `timestamp`s (as
// Prisma writes them); samples' are timestamptz.
const PASS_SQL = `
  WITH clock AS (
    SELECT to_timestamp($1::float8 / 1000) AS now, to_timestamp($1::float8 / 1000) AT TIME ZONE 'UTC' AS now_utc
  ), pairs AS (
    SELECT r.id AS rule_id, v.id AS vps_id, r.metric, r.op, r.threshold, r.for_minutes
      FROM alert_rules r
      JOIN vps v ON v.user_id = r.user_id AND v.deleted_at IS NULL AND (r.vps_id IS NULL OR v.id = r.vps_id)
     WHERE r.enabled
  ), evaluated AS (
    SELECT p.rule_id, p.vps_id, w.last_val,
           CASE WHEN w.n > 0 AND w.inside = 0
                     AND w.first_at <= e.end_at - p.for_minutes * interval '1 minute' + $3::float8 * interval '1 millisecond' THEN 'firing'
                WHEN w.last_beyond THEN 'pending'
                ELSE 'ok' END AS target
      FROM pairs p CROSS JOIN clock c
      -- The window's end: the newest fresh sample of the metric (null: none, so ok).
      CROSS JOIN LATERAL (
        SELECT max(s.at) AS end_at
          FROM vps_metric_samples s
         WHERE s.vps_id = p.vps_id AND s.at >= c.now - $2::float8 * interval '1 millisecond' AND s.at <= c.now
           AND ${METRIC_SQL} IS NOT NULL
      ) e
      CROSS JOIN LATERAL (
        SELECT count(x.val) AS n,
               count(*) FILTER (WHERE NOT x.beyond) AS inside,
               min(x.at) AS first_at,
               (array_agg(x.val ORDER BY x.at DESC))[1] AS last_val,
               (array_agg(x.beyond ORDER BY x.at DESC))[1] AS last_beyond
          FROM (
            SELECT s.at, ${METRIC_SQL} AS val,
                   CASE WHEN p.op = '>' THEN ${METRIC_SQL} > p.threshold ELSE ${METRIC_SQL} < p.threshold END AS beyond
              FROM vps_metric_samples s
             WHERE s.vps_id = p.vps_id AND s.at > e.end_at - p.for_minutes * interval '1 minute' AND s.at <= e.end_at
          ) x
         WHERE x.val IS NOT NULL
      ) w
  ), seen AS (
    SELECT e.rule_id, e.vps_id, e.target, e.last_val, coalesce(a.state, 'ok') AS prev, a.rule_id IS NOT NULL AS has_row
      FROM evaluated e LEFT JOIN alert_states a ON a.rule_id = e.rule_id AND a.vps_id = e.vps_id
    UNION ALL
    -- States no rule covers any more (rule disabled, VPS deleted or given to another user): ok.
    SELECT a.rule_id, a.vps_id, 'ok', NULL, a.state, true
      FROM alert_states a
     WHERE a.state <> 'ok' AND NOT EXISTS (SELECT 1 FROM pairs p WHERE p.rule_id = a.rule_id AND p.vps_id = a.vps_id)
  ), changes AS (
    SELECT * FROM seen WHERE target <> prev
  ), moved AS (
    UPDATE alert_states a
       SET state = c.target, since = k.now_utc, last_value = c.last_val, updated_at = k.now_utc,
           fired_at = CASE WHEN c.target = 'firing' THEN k.now_utc ELSE a.fired_at END
      FROM changes c CROSS JOIN clock k
     WHERE c.has_row AND a.rule_id = c.rule_id AND a.vps_id = c.vps_id AND a.state = c.prev
    RETURNING a.rule_id, a.vps_id, c.prev, a.state, a.fired_at, a.last_value
  ), created AS (
    INSERT INTO alert_states (rule_id, vps_id, state, since, fired_at, last_value, updated_at)
    SELECT c.rule_id, c.vps_id, c.target, k.now_utc, CASE WHEN c.target = 'firing' THEN k.now_utc END, c.last_val, k.now_utc
      FROM changes c CROSS JOIN clock k
     WHERE NOT c.has_row
    ON CONFLICT (rule_id, vps_id) DO NOTHING
    RETURNING rule_id, vps_id, 'ok'::text AS prev, state, fired_at, last_value
  ), done AS (
    SELECT * FROM moved UNION ALL SELECT * FROM created
  )
  SELECT d.rule_id, d.vps_id, d.prev, d.state, extract(epoch FROM d.fired_at) * 1000 AS fired_ms, d.last_value,
         r.user_id, r.metric, r.op, r.threshold, r.for_minutes, r.channels, v.name AS vps_name,
         u.notify_panel, u.notify_email
    FROM done d
    JOIN alert_rules r ON r.id = d.rule_id
    JOIN vps v ON v.id = d.vps_id
    JOIN users u ON u.id = r.user_id
   WHERE d.state = 'firing' OR d.prev = 'firing'`;

interface PassRow {
  rule_id: number;
  vps_id: number;
  prev: AlertStateName;
  state: AlertStateName;
  fired_ms: number | string | null;
  last_value: number | null;
  user_id: number;
  metric: AlertMetric;
  op: AlertOp;
  threshold: number;
  for_minutes: number;
  channels: AlertChannel[];
  vps_name: string;
  notify_panel: boolean;
  notify_email: boolean;
}

export interface EvaluationPass {
  /** False when another process held the lock (it is evaluating). */
  ran: boolean;
  fired: number;
  resolved: number;
}

export interface EvaluateOptions {
  now?: number;
  /** Take the advisory lock (default). Off only in the test that proves the swaps alone suffice. */
  lock?: boolean;
  emailAvailable?: boolean;
}

function toTransition(r: PassRow, now: number): AlertTransition {
  return {
    kind: r.state === "firing" ? "fired" : "resolved",
    ruleId: r.rule_id,
    vpsId: r.vps_id,
    userId: r.user_id,
    vpsName: r.vps_name,
    metric: r.metric,
    op: r.op,
    threshold: Number(r.threshold),
    forMinutes: r.for_minutes,
    channels: r.channels,
    value: r.last_value === null ? null : Number(r.last_value),
    firedAt: new Date(Number(r.fired_ms ?? now)),
    at: new Date(now),
    notifyPanel: r.notify_panel,
    notifyEmail: r.notify_email,
  };
}

/** One evaluation of every rule; the events and notifications commit with the state changes. */
export async function evaluateAlerts(db: Db, opts: EvaluateOptions = {}): Promise<EvaluationPass> {
  const now = opts.now ?? Date.now();
  const emailAvailable = opts.emailAvailable ?? getEnv().SMTP_URL !== undefined;
  return db.$transaction(
    async (tx: Prisma.TransactionClient) => {
      if (opts.lock !== false) {
        const [lock] = await tx.$queryRawUnsafe<{ ok: boolean }[]>(`SELECT pg_try_advisory_xact_lock(${ALERTS_LOCK_KEY}) AS ok`);
        if (!lock?.ok) return { ran: false, fired: 0, resolved: 0 };
      }
      const rows = await tx.$queryRawUnsafe<PassRow[]>(PASS_SQL, now, FRESH_MS, COVER_MS);
      const transitions = rows.map((r) => toTransition(r, now));
      await recordAlertTransitions(tx, transitions, { emailAvailable });
      return {
        ran: true,
        fired: transitions.filter((t) => t.kind === "fired").length,
        resolved: transitions.filter((t) => t.kind === "resolved").length,
      };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}
