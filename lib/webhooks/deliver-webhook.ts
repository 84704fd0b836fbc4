// One delivery attempt, from claim to record. Safe with many worker processes:
// - claim: due pending deliveries are taken with FOR UPDATE SKIP LOCKED and leased
//   (locked_until) for longer than an attempt can take; `attempts` is incremented at claim
//   and doubles as a fencing token, so an attempt whose lease was lost (stalled process)
//   cannot overwrite the outcome of the attempt that replaced it;
// - a process killed mid-attempt leaves the lease to expire; the delivery is then retried
//   (at-least-once: receivers deduplicate on webhook-id);
// - record: the attempt row and the delivery's new state are written together (nothing,
//   if the webhook was deleted meanwhile).
import type { Database } from "../db";
import { openWebhookSecret } from "./webhook-secret";
import { wakeRelay } from "../events/bus";
import { recordEvent } from "../events/record-event";
import { log } from "../log";
import { nextRetryDelay, parseRetryAfter } from "./retry-schedule";
import { TEST_EVENT_TYPE } from "./schemas";
import { sendWebhook, TOTAL_TIMEOUT_MS, type SendRequest, type SendResult } from "./send-webhook";
import { deliveryHeaders } from "./signature";

/** Timestamps are stored as UTC `timestamp without time zone` (Prisma's convention). */
const NOW = `(now() AT TIME ZONE 'UTC')`;
export const LEASE_MS = TOTAL_TIMEOUT_MS + 15_000;

export interface DeliveryTarget {
  id: number;
  name: string;
  url: string;
  secretEnc: string | null;
  /** Only while the rotated-out secret is still valid. */
  previousSecretEnc: string | null;
}

export interface ClaimedDelivery {
  id: string;
  webhookId: number;
  eventType: string;
  body: string;
  /** Attempt number of this attempt (1-based); the fencing token. */
  attempt: number;
  target: DeliveryTarget;
}

export interface DeliveryPolicy {
  /** Delays after the 1st, 2nd, ... failed attempt (ms). */
  schedule: number[];
  allowPrivate: boolean;
  disableAfterFailures: number;
  disableAfterMs: number;
  send?: (req: SendRequest) => Promise<SendResult>;
}

/** Claims up to `limit` due deliveries, with what is needed to send them, in one statement. */
export async function claimDueDeliveries(db: Database, limit: number): Promise<ClaimedDelivery[]> {
  const rows = await db.sql.query<{
    id: string;
    webhook_id: number;
    event_type: string;
    body: string;
    attempts: number;
    name: string;
    url: string;
    secret_enc: string | null;
    previous_secret_enc: string | null;
  }>(
    `UPDATE webhook_deliveries d
        SET locked_until = ${NOW} + interval '${LEASE_MS} milliseconds',
            attempts = d.attempts + 1,
            updated_at = ${NOW}
       FROM (SELECT d2.id, w.name, w.url, w.secret_enc,
                    CASE WHEN w.previous_secret_until > ${NOW} THEN w.previous_secret_enc END AS previous_secret_enc
               FROM webhook_deliveries d2 JOIN webhooks w ON w.id = d2.webhook_id
              WHERE d2.status = 'pending'
                AND d2.next_attempt_at <= ${NOW}
                AND (d2.locked_until IS NULL OR d2.locked_until < ${NOW})
                AND (w.is_active OR d2.event_type = '${TEST_EVENT_TYPE}')
              ORDER BY d2.next_attempt_at, d2.id
              LIMIT $1
              FOR UPDATE OF d2 SKIP LOCKED) c
      WHERE d.id = c.id
  RETURNING d.id::text AS id, d.webhook_id, d.event_type, d.body, d.attempts,
            c.name, c.url, c.secret_enc, c.previous_secret_enc`,
    [limit],
  );
  return rows.map((r) => ({
    id: r.id,
    webhookId: r.webhook_id,
    eventType: r.event_type,
    body: r.body,
    attempt: r.attempts,
    target: { id: r.webhook_id, name: r.name, url: r.url, secretEnc: r.secret_enc, previousSecretEnc: r.previous_secret_enc },
  }));
}

/** Sealed secrets are opened once per process, not once per delivery. */
const opened = new Map<string, string>();
function open(sealed: string): string {
  let plain = opened.get(sealed);
  if (plain === undefined) {
    plain = openWebhookSecret(sealed);
    if (opened.size > 1000) opened.clear();
    opened.set(sealed, plain);
  }
  return plain;
}

function secretsOf(target: DeliveryTarget): { secret: string | null; previous: string | null } {
  return {
    secret: target.secretEnc ? open(target.secretEnc) : null,
    previous: target.previousSecretEnc ? open(target.previousSecretEnc) : null,
  };
}

export type Outcome = "success" | "retry" | "failed" | "disabled" | "superseded";

/** Sends one claimed delivery and records the attempt. Never throws for receiver errors. */
export async function deliverWebhook(db: Database, d: ClaimedDelivery, policy: DeliveryPolicy): Promise<Outcome> {
  const target = d.target;
  const startedAt = new Date();
  let result: SendResult;
  try {
    const { secret, previous } = secretsOf(target);
    const headers = deliveryHeaders({
      body: d.body,
      eventType: d.eventType,
      webhookId: target.id,
      deliveryId: d.id,
      timestamp: Math.floor(startedAt.getTime() / 1000),
      secret,
      previousSecret: previous,
    });
    result = await (policy.send ?? sendWebhook)({ url: target.url, headers, body: d.body, allowPrivate: policy.allowPrivate });
  } catch (err) {
    result = { status: null, body: null, retryAfter: null, durationMs: Date.now() - startedAt.getTime(), error: (err as Error).message };
  }
  const ok = result.status !== null && result.status >= 200 && result.status < 300;
  if (ok) return recordSuccess(db, d, startedAt, result);

  let error = result.error;
  if (!error && result.status !== null) {
    error =
      result.status >= 300 && result.status < 400
        ? `HTTP ${result.status}: redirects are not followed`
        : `HTTP ${result.status}`;
  }
  return recordFailure(db, d, target, startedAt, { ...result, error }, policy);
}

async function recordSuccess(db: Database, d: ClaimedDelivery, startedAt: Date, r: SendResult): Promise<Outcome> {
  const rows = await db.sql.query<{ n: number }>(
    `WITH upd AS (
        UPDATE webhook_deliveries
           SET status = 'success', locked_until = NULL, response_status = $3, response_body = $4,
               last_error = NULL, duration_ms = $5, delivered_at = ${NOW}, updated_at = ${NOW}
         WHERE id = $1::bigint AND attempts = $2 AND status = 'pending'
     RETURNING webhook_id),
     att AS (
        INSERT INTO webhook_attempts (delivery_id, started_at, duration_ms, response_status, response_body, error)
        SELECT id, $6::timestamptz AT TIME ZONE 'UTC', $5::int, $3::int, $4::text, NULL
          FROM webhook_deliveries WHERE id = $1::bigint),
     streak AS (
        UPDATE webhooks SET consecutive_failures = 0
         WHERE id IN (SELECT webhook_id FROM upd) AND consecutive_failures <> 0)
     SELECT count(*)::int AS n FROM upd`,
    [d.id, d.attempt, r.status, r.body, r.durationMs, startedAt.toISOString()],
  );
  return rows[0]?.n ? "success" : "superseded";
}

async function recordFailure(
  db: Database,
  d: ClaimedDelivery,
  target: DeliveryTarget,
  startedAt: Date,
  r: SendResult,
  policy: DeliveryPolicy,
): Promise<Outcome> {
  const gone = r.status === 410;
  const retryAfterMs = parseRetryAfter(r.retryAfter);
  const delay = gone ? null : nextRetryDelay(policy.schedule, d.attempt, retryAfterMs);
  const isTest = d.eventType === TEST_EVENT_TYPE;
  let disabled = false;
  const outcome = await db.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO webhook_attempts (delivery_id, started_at, duration_ms, response_status, response_body, error)
      SELECT id, ${startedAt.toISOString()}::timestamptz AT TIME ZONE 'UTC', ${r.durationMs}::int, ${r.status}::int, ${r.body}::text, ${r.error}::text
        FROM webhook_deliveries WHERE id = ${d.id}::bigint`;
    const status = delay === null ? "failed" : "pending";
    const updated = await tx.$queryRaw<{ webhook_id: number }[]>`
      UPDATE webhook_deliveries
         SET status = ${status}::"DeliveryStatus", locked_until = NULL,
             next_attempt_at = (now() AT TIME ZONE 'UTC') + ${delay ?? 0}::float8 * interval '1 millisecond',
             response_status = ${r.status}, response_body = ${r.body}, last_error = ${r.error},
             duration_ms = ${r.durationMs}, updated_at = (now() AT TIME ZONE 'UTC')
       WHERE id = ${d.id}::bigint AND attempts = ${d.attempt} AND status = 'pending'
   RETURNING webhook_id`;
    if (updated.length === 0) return "superseded" as const;
    // A test event says nothing about the endpoint's health over time.
    if (isTest) return delay === null ? ("failed" as const) : ("retry" as const);

    const [hook] = await tx.$queryRaw<{ consecutive_failures: number; is_active: boolean }[]>`
      UPDATE webhooks SET consecutive_failures = consecutive_failures + 1
       WHERE id = ${target.id} RETURNING consecutive_failures, is_active`;
    let reason: string | null = null;
    if (hook?.is_active && gone) reason = "The receiver answered 410 Gone";
    else if (hook?.is_active && hook.consecutive_failures >= policy.disableAfterFailures) {
      // Sustained: the streak's oldest attempt is older than disableAfterMs.
      const [span] = await tx.$queryRaw<{ sustained: boolean }[]>`
        SELECT min(started_at) <= (now() AT TIME ZONE 'UTC') - ${policy.disableAfterMs}::float8 * interval '1 millisecond' AS sustained
          FROM (SELECT a.started_at FROM webhook_attempts a JOIN webhook_deliveries wd ON wd.id = a.delivery_id
                 WHERE wd.webhook_id = ${target.id} AND wd.event_type <> ${TEST_EVENT_TYPE}
                 ORDER BY a.id DESC LIMIT ${policy.disableAfterFailures}) streak`;
      if (span?.sustained) reason = `${hook.consecutive_failures} consecutive failed attempts`;
    }
    if (reason) {
      await tx.webhook.update({ where: { id: target.id }, data: { isActive: false, disabledReason: reason } });
      await recordEvent(tx, {
        type: "webhook.disabled",
        payload: {
          webhook: { id: target.id, name: target.name, url: target.url },
          reason,
          consecutive_failures: hook.consecutive_failures,
          last_response_status: r.status,
          last_error: r.error,
          disabled_at: new Date().toISOString(),
        },
      });
      disabled = true;
      return "disabled" as const;
    }
    return delay === null ? ("failed" as const) : ("retry" as const);
  });
  if (disabled) {
    wakeRelay();
    log.warn("webhook disabled", { webhook_id: target.id, delivery_id: d.id, status: r.status });
  }
  return outcome;
}
