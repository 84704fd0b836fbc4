// The mail queue is the notifications table itself (email_status, PRODUCT.md §11): the
// engine writes "pending" when a rule or notice wants email and the user allows it; here a
// pass claims due rows, sends each and records the outcome. Safe with any number of
// processes: a claim is one UPDATE over FOR UPDATE SKIP LOCKED that moves the row to
// "sending" with a lease, and only the claimer's conditional update finishes it, so a row
// is sent by one process once. A row whose lease ran out (its process died mid-send) is
// claimed again: a crash between the SMTP server's "250 OK" and the update is the one case
// that can send an email twice, as with any at-least-once queue.
import type { Database } from "../db";
import type { NotificationKind } from "../notifications/schemas";
import { log } from "../log";
import { nextRetryDelay } from "../webhooks/retry-schedule";
import { describeSmtp, redactSmtp, type MailTransport } from "./transport";

const NOW = `(now() AT TIME ZONE 'UTC')`;
/** Longer than a send can take (three 20 s SMTP timeouts), so a live sender keeps its rows. */
export const SEND_LEASE_MS = 10 * 60_000;
export const MAIL_BATCH = 20;

export interface MailPolicy {
  /** null: SMTP_URL unset, email is off. */
  transport: MailTransport | null;
  smtpUrl?: string;
  /** The panel's public URL, for the link to the VPS page. */
  baseUrl: string;
  /** Delays before the 2nd, 3rd… attempt; used up, the email is "failed". */
  schedule: number[];
}

export interface ClaimedEmail {
  id: string;
  kind: string;
  vpsId: number | null;
  params: Record<string, unknown>;
  createdAt: Date;
  attempt: number;
  to: { email: string; name: string | null; locale: string; timeZone: string | null };
}

const DUE = `(n2.email_status = 'pending' AND (n2.email_next_at IS NULL OR n2.email_next_at <= ${NOW}))
          OR (n2.email_status = 'sending' AND n2.email_next_at < ${NOW})`;

export async function claimDueEmails(db: Database, limit = MAIL_BATCH): Promise<ClaimedEmail[]> {
  const rows = await db.sql.query<{ id: string; kind: string; vps_id: number | null; params: unknown; created_ms: number; attempts: number; email: string; name: string | null; locale: string; time_zone: string | null }>(
    `UPDATE notifications n
        SET email_status = 'sending', email_attempts = n.email_attempts + 1,
            email_next_at = ${NOW} + interval '${SEND_LEASE_MS} milliseconds'
       FROM (SELECT n2.id FROM notifications n2 WHERE ${DUE} ORDER BY n2.id LIMIT $1 FOR UPDATE SKIP LOCKED) c, users u
      WHERE n.id = c.id AND u.id = n.user_id
  RETURNING n.id::text AS id, n.kind, n.vps_id, n.params, (extract(epoch FROM n.created_at) * 1000)::float8 AS created_ms,
            n.email_attempts AS attempts, u.email, u.name, u.locale, u.time_zone`,
    [limit],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    vpsId: r.vps_id,
    params: r.params && typeof r.params === "object" ? (r.params as Record<string, unknown>) : {},
    createdAt: new Date(Number(r.created_ms)),
    attempt: r.attempts,
    to: { email: r.email, name: r.name, locale: r.locale, timeZone: r.time_zone },
  }));
}

/** Without SMTP_URL: what waits for email never gets it ("off"; the UI says email is off). */
export async function turnOffPendingEmails(db: Database): Promise<number> {
  const rows = await db.sql.query<{ id: string }>(
    `UPDATE notifications n SET email_status = 'off', email_next_at = NULL
       FROM (SELECT n2.id FROM notifications n2 WHERE ${DUE} FOR UPDATE SKIP LOCKED) c
      WHERE n.id = c.id RETURNING n.id::text AS id`,
  );
  return rows.length;
}

export type EmailOutcome = "sent" | "retry" | "failed";

/** Sends one claimed email and records the outcome (only while this claim still holds it). */
export async function sendClaimedEmail(db: Database, e: ClaimedEmail, policy: MailPolicy): Promise<EmailOutcome> {
  const finish = (sql: string, params: unknown[]) => db.sql.query(`${sql} WHERE id = $1::bigint AND email_status = 'sending' AND email_attempts = $2`, [e.id, e.attempt, ...params]);
  let error: string | null = null;
  try {
    if (!policy.transport) throw new Error("email is off (no SMTP_URL)");
    // The templates (every message catalogue, use-intl) load with the first email to send.
    const { renderNotificationEmail } = await import("./render-notification");
    const mail = renderNotificationEmail({ kind: e.kind as NotificationKind, vps_id: e.vpsId, params: e.params, created_at: e.createdAt.toISOString() }, e.to, policy.baseUrl);
    await policy.transport.send({ to: e.to.email, ...mail });
  } catch (err) {
    error = (err as Error)?.message ?? String(err);
  }
  if (error === null) {
    await finish(`UPDATE notifications SET email_status = 'sent', email_next_at = NULL, email_error = NULL`, []);
    return "sent";
  }
  const safe = (policy.smtpUrl ? redactSmtp(error, policy.smtpUrl) : error).slice(0, 500);
  const delay = nextRetryDelay(policy.schedule, e.attempt);
  const server = policy.smtpUrl ? describeSmtp(policy.smtpUrl) : "none";
  if (delay === null) {
    await finish(`UPDATE notifications SET email_status = 'failed', email_next_at = NULL, email_error = $3`, [safe]);
    log.warn("mail: notification email given up", { notification: e.id, attempts: e.attempt, server, error: safe });
    return "failed";
  }
  await finish(`UPDATE notifications SET email_status = 'pending', email_next_at = ${NOW} + $3 * interval '1 millisecond', email_error = $4`, [delay, safe]);
  log.warn("mail: notification email failed, will retry", { notification: e.id, attempt: e.attempt, retry_in_ms: delay, server, error: safe });
  return "retry";
}

/** One pass: claim what is due and send it (a few at once), until nothing is due. */
export async function runMailPass(db: Database, policy: MailPolicy): Promise<Record<EmailOutcome | "off", number>> {
  const counts = { sent: 0, retry: 0, failed: 0, off: 0 };
  if (!policy.transport) {
    counts.off = await turnOffPendingEmails(db);
    return counts;
  }
  for (;;) {
    const claimed = await claimDueEmails(db);
    for (let i = 0; i < claimed.length; i += 4) {
      const outcomes = await Promise.all(claimed.slice(i, i + 4).map((e) => sendClaimedEmail(db, e, policy)));
      for (const o of outcomes) counts[o]++;
    }
    if (claimed.length < MAIL_BATCH) return counts;
  }
}
