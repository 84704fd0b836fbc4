// Idempotency-Key for write requests, stored in idempotency_records (unique (scope, key)).
//
// A request claims its key by inserting the record first (committed at once), so a
// concurrent duplicate finds it and gets 409 while the first is in flight. The first
// 2xx response is stored (encrypted: a token's one-time secret may be in it) and later
// requests with the same key and the same body get it back byte for byte with
// `Idempotent-Replayed: true`; the same key with another body is 422. Errors are not
// stored (they changed nothing), so the caller may fix the cause and retry with the key.
// Records live 24 hours; a claim left unfinished for 2 minutes (a crashed process) may be
// taken over.
import { createHash } from "node:crypto";
import type { Database } from "../db";
import { decryptSecret, encryptSecret } from "../crypto/secret-box";
import { AppError } from "../errors";
import { log } from "../log";

export const IDEMPOTENCY_TTL_HOURS = 24;
const ABANDONED_AFTER_SECONDS = 120;
const PURPOSE = "idempotency_records.response_body";

export interface StoredReply {
  status: number;
  body: string;
}

export type Claim =
  | { kind: "claimed"; id: number }
  | { kind: "replay"; reply: StoredReply };

/** The Idempotency-Key header's value (null: none sent) checked; undefined when there is none. */
export function parseIdempotencyKey(key: string | null): string | undefined {
  if (key === null) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(key))
    throw new AppError(400, "Idempotency-Key must be 1-255 printable ASCII characters without spaces", undefined, "bad_request");
  return key;
}

/** JSON with sorted object keys, so the same body hashes the same however it was written. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value) ?? "null";
}

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash("sha256").update(`${method} ${path}\n${canonicalJson(body)}`).digest("hex");
}

const inProgress = () =>
  new AppError(409, "A request with this Idempotency-Key is still in progress; retry later", undefined, "idempotency_conflict");

export async function claimIdempotencyKey(
  db: Database,
  scope: string,
  key: string,
  hash: string,
  attempt = 0,
): Promise<Claim> {
  const claimed = await db.sql.query<{ id: number }>(
    `INSERT INTO idempotency_records (scope, key, request_hash, completed, created_at)
     VALUES ($1, $2, $3, false, now())
     ON CONFLICT (scope, key) DO UPDATE
        SET request_hash = EXCLUDED.request_hash, completed = false,
            response_status = NULL, response_body = NULL, created_at = now()
      WHERE idempotency_records.created_at < now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})
         OR (NOT idempotency_records.completed
             AND idempotency_records.created_at < now() - make_interval(secs => ${ABANDONED_AFTER_SECONDS}))
     RETURNING id`,
    [scope, key, hash],
  );
  if (claimed.length) {
    // Now and then, sweep expired records (cheap: indexed on created_at).
    if (Math.random() < 0.01)
      void db.sql
        .query(`DELETE FROM idempotency_records WHERE created_at < now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`)
        .catch(() => {});
    return { kind: "claimed", id: claimed[0].id };
  }
  const [existing] = await db.sql.query<{
    request_hash: string;
    completed: boolean;
    response_status: number | null;
    response_body: string | null;
  }>(
    `SELECT request_hash, completed, response_status, response_body #>> '{}' AS response_body
       FROM idempotency_records WHERE scope = $1 AND key = $2`,
    [scope, key],
  );
  // Released between our insert and this read: the first request failed; try once more.
  if (!existing) {
    if (attempt < 3) return claimIdempotencyKey(db, scope, key, hash, attempt + 1);
    throw inProgress();
  }
  if (existing.request_hash !== hash)
    throw new AppError(422, "Idempotency-Key was already used with a different request body", undefined, "idempotency_conflict");
  if (!existing.completed || existing.response_status === null || existing.response_body === null) throw inProgress();
  return {
    kind: "replay",
    reply: { status: existing.response_status, body: decryptSecret(existing.response_body, PURPOSE) },
  };
}

export async function completeIdempotencyKey(db: Database, id: number, reply: StoredReply) {
  await db.sql.query(
    `UPDATE idempotency_records SET completed = true, response_status = $2, response_body = to_jsonb($3::text)
      WHERE id = $1`,
    [id, reply.status, encryptSecret(reply.body, PURPOSE)],
  );
}

export async function releaseIdempotencyKey(db: Database, id: number) {
  await db.sql.query(`DELETE FROM idempotency_records WHERE id = $1 AND NOT completed`, [id]);
}

export interface IdempotentRequest {
  /** Whose keys these are: "machine", "user:<id>" or "anonymous". */
  scope: string;
  key: string;
  /** requestHash() of the method, path and body. */
  hash: string;
  requestId: string;
}

/**
 * Runs `run` under the claimed key, in one step: a repeat of a completed request gets the
 * stored reply (`idempotent-replayed: true`) without running; a 2xx answer is stored; any
 * other answer, or a throw, releases the key so the caller may fix the cause and retry.
 * Storing or releasing may fail without turning a committed change into an error.
 */
export async function runIdempotent(db: Database, request: IdempotentRequest, run: () => Promise<Response>): Promise<Response> {
  const { scope, key, hash, requestId } = request;
  const claim = await claimIdempotencyKey(db, scope, key, hash);
  if (claim.kind === "replay")
    return new Response(claim.reply.body, {
      status: claim.reply.status,
      headers: { "content-type": "application/json", "x-request-id": requestId, "idempotent-replayed": "true" },
    });
  let res: Response;
  try {
    res = await run();
  } catch (err) {
    await releaseIdempotencyKey(db, claim.id).catch((e) =>
      log.warn("idempotency: release failed", { requestId, error: (e as Error).message }),
    );
    throw err;
  }
  try {
    if (res.status >= 200 && res.status < 300)
      await completeIdempotencyKey(db, claim.id, { status: res.status, body: await res.clone().text() });
    else await releaseIdempotencyKey(db, claim.id);
  } catch (e) {
    log.warn("idempotency: storing the reply failed", { requestId, error: (e as Error).message });
  }
  return res;
}
