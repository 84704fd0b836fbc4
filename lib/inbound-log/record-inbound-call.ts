// Writes one inbound log row for a machine call and its server log line (info when the
// call was answered 2xx/3xx, warn when refused). Off the response path: rows go through a
// bounded batch queue (./batch-queue.ts: one multi-row INSERT per 50 ms or 100 rows, at
// most 5,000 waiting); a row dropped because the queue is full or its write failed is
// counted and logged (warn / error), never lost silently. server.ts flushes the queue on
// shutdown (flushInboundLog). The queue lives on globalThis: server.ts and Next's route
// bundles are separate module graphs and must share one.
import { getDatabase, queryPrepared, type Prisma } from "../db";
import { log } from "../log";
import { signalAdmins } from "../realtime/rooms";
import { INBOUND_SIGNAL } from "./signal";
import { BatchQueue } from "./batch-queue";
import type { InboundFacts } from "./describe-call";

export interface InboundCall extends InboundFacts {
  endpoint: string;
  method: string;
  status: number;
  errorCode: string | null;
  message: string | null;
  durationMs: number;
  requestId: string;
  clientAddress: string | null;
  idempotencyKey: string | null;
}

const clip = (s: string | null, max: number) => (s === null ? null : s.slice(0, max));

type Row = Prisma.InboundCallCreateManyInput;

// One statement for a whole batch, its text the same for any number of rows (a column an
// array), so it is a named prepared statement: parsed and planned once per connection, with
// none of the ORM's per-call query building (Prisma's createMany cost more CPU per sync call
// than the call's own write, bench/sync-update-profile.ts).
const COLUMNS = [
  ["created_at", "timestamp(3)", (r: Row) => (r.createdAt instanceof Date ? r.createdAt : new Date(r.createdAt ?? Date.now())).toISOString().slice(0, -1)],
  ["endpoint", "text", (r: Row) => r.endpoint],
  ["method", "text", (r: Row) => r.method],
  ["action", "text", (r: Row) => r.action ?? null],
  ["vps_id", "int", (r: Row) => r.vpsId ?? null],
  ["external_id", "text", (r: Row) => r.externalId ?? null],
  ["status", "int", (r: Row) => r.status],
  ["error_code", "text", (r: Row) => r.errorCode ?? null],
  ["message", "text", (r: Row) => r.message ?? null],
  ["duration_ms", "int", (r: Row) => r.durationMs],
  ["request_id", "text", (r: Row) => r.requestId],
  ["client_address", "text", (r: Row) => r.clientAddress ?? null],
  ["idempotency_key", "text", (r: Row) => r.idempotencyKey ?? null],
] as const satisfies readonly (readonly [column: string, type: string, value: (r: Row) => unknown])[];
const INSERT_TEXT = `INSERT INTO inbound_log (${COLUMNS.map(([c]) => c).join(", ")})
  SELECT * FROM unnest(${COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ")})`;

async function insertRows(rows: Row[]) {
  const { prisma } = await getDatabase();
  await queryPrepared(prisma, { name: "ospab_inbound_log_insert", text: INSERT_TEXT, values: COLUMNS.map(([, , value]) => rows.map((r) => (value as (r: Row) => unknown)(r))) });
}

const store = globalThis as unknown as { __ospabInboundLogQueue?: BatchQueue<Row> };

function makeQueue(env: NodeJS.ProcessEnv = process.env): BatchQueue<Row> {
  const num = (v: string | undefined, d: number) => (v && /^\d{1,7}$/.test(v) && Number(v) > 0 ? Number(v) : d);
  return new BatchQueue<Row>({
    intervalMs: num(env.INBOUND_LOG_FLUSH_MS, 50),
    maxBatch: num(env.INBOUND_LOG_BATCH, 100),
    maxPending: num(env.INBOUND_LOG_MAX_PENDING, 5000),
    write: async (rows) => {
      await insertRows(rows);
      // /admin/sync-log shows new rows live (lib/realtime/rooms.ts: coalesced, no data sent).
      signalAdmins(INBOUND_SIGNAL);
    },
    onDrop: (count, why, err) => {
      if (why === "full") log.warn("inbound log: queue full, calls not recorded", { dropped: count, max_pending: inboundLogQueue().maxPending });
      else log.error("inbound log: recording calls failed", { dropped: count, error: (err as Error)?.message ?? String(err) });
    },
  });
}

export function inboundLogQueue(): BatchQueue<Row> {
  return (store.__ospabInboundLogQueue ??= makeQueue());
}

/** Writes every queued row (server.ts, before the database closes). */
export function flushInboundLog(): Promise<void> {
  return store.__ospabInboundLogQueue?.flush() ?? Promise.resolve();
}

function logCall(call: InboundCall, level: "info" | "warn") {
  const fields = {
    requestId: call.requestId,
    endpoint: call.endpoint,
    method: call.method,
    action: call.action,
    vps_id: call.vpsId,
    external_id: call.externalId,
    status: call.status,
    duration_ms: call.durationMs,
    ...(call.errorCode ? { code: call.errorCode, message: call.message } : {}),
  };
  if (level === "info") log.info("inbound call", fields);
  else log.warn("inbound call refused", fields);
}

/** Logs the call and queues its row; never throws, never waits for the database. */
export function recordInboundCall(call: InboundCall): void {
  // The log line's fields are built only when LOG_LEVEL writes it.
  const level = call.status < 400 ? "info" : "warn";
  if (log.enabled(level)) logCall(call, level);
  inboundLogQueue().push({
    createdAt: new Date(),
    endpoint: call.endpoint.slice(0, 200),
    method: call.method,
    action: clip(call.action, 32),
    vpsId: call.vpsId,
    externalId: clip(call.externalId, 64),
    status: call.status,
    errorCode: clip(call.errorCode, 64),
    message: call.message,
    durationMs: Math.max(0, Math.min(2_147_483_647, Math.round(call.durationMs))),
    requestId: call.requestId,
    clientAddress: clip(call.clientAddress, 64),
    idempotencyKey: clip(call.idempotencyKey, 255),
  });
}
