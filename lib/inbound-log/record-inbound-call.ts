// Writes one inbound log row for a machine call and its server log line (info when the
// call was answered 2xx/3xx, warn when refused). Off the response path: the insert is not
// awaited by the caller, and a failed insert is logged (error), never dropped silently.
//
// Rows are written in batches, one multi-row INSERT (a named prepared statement) at a time:
// the calls that arrive while one insert runs go together in the next. Idle, a row is
// written at once; under load (the sync API at hundreds of calls a second) this is one
// statement and one commit for many calls instead of one each. Each row keeps the time of
// its call. At most MAX_PENDING rows wait (the database away): past that, new rows are
// dropped and counted in an error line.
import { getDatabase, queryPrepared } from "../db";
import { log } from "../log";
import { signalAdmins } from "../realtime/rooms";
import { INBOUND_SIGNAL } from "./signal";
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

const MAX_BATCH = 500;
const MAX_PENDING = 10_000;

const COLUMNS = [
  ["created_at", "timestamp(3)"],
  ["endpoint", "text"],
  ["method", "text"],
  ["action", "text"],
  ["vps_id", "int"],
  ["external_id", "text"],
  ["status", "int"],
  ["error_code", "text"],
  ["message", "text"],
  ["duration_ms", "int"],
  ["request_id", "text"],
  ["client_address", "text"],
  ["idempotency_key", "text"],
] as const;
const INSERT = {
  name: "ospab_inbound_log_insert",
  text: `INSERT INTO inbound_log (${COLUMNS.map(([c]) => c).join(", ")})
         SELECT * FROM unnest(${COLUMNS.map(([, t], i) => `$${i + 1}::${t}[]`).join(", ")})`,
};

type Row = unknown[];
interface Pending {
  row: Row;
  requestId: string;
  done: () => void;
}
const store = globalThis as unknown as { __ospabInbound?: { queue: Pending[]; flushing: boolean; dropped: number } };
const state = (store.__ospabInbound ??= { queue: [], flushing: false, dropped: 0 });

function toRow(call: InboundCall, at: Date): Row {
  return [
    at.toISOString().slice(0, -1),
    call.endpoint.slice(0, 200),
    call.method,
    clip(call.action, 32),
    call.vpsId,
    clip(call.externalId, 64),
    call.status,
    clip(call.errorCode, 64),
    call.message,
    Math.max(0, Math.min(2_147_483_647, Math.round(call.durationMs))),
    call.requestId,
    clip(call.clientAddress, 64),
    clip(call.idempotencyKey, 255),
  ];
}

async function flush() {
  if (state.flushing) return;
  state.flushing = true;
  try {
    while (state.queue.length > 0) {
      const batch = state.queue.splice(0, MAX_BATCH);
      try {
        const { prisma } = await getDatabase();
        await queryPrepared(prisma, { ...INSERT, values: COLUMNS.map((_, i) => batch.map((p) => p.row[i])) });
        // /admin/sync-log shows new rows live (lib/realtime/rooms.ts: coalesced, no data sent).
        signalAdmins(INBOUND_SIGNAL);
      } catch (err) {
        const error = (err as Error)?.message ?? String(err);
        for (const p of batch) log.error("inbound log: recording a call failed", { requestId: p.requestId, error });
      } finally {
        for (const p of batch) p.done();
      }
    }
  } finally {
    state.flushing = false;
  }
}

/** Resolves once the row is written (or the failure logged); it never rejects. */
export function recordInboundCall(call: InboundCall): Promise<void> {
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
  if (call.status < 400) log.info("inbound call", fields);
  else log.warn("inbound call refused", fields);
  if (state.queue.length >= MAX_PENDING) {
    if (state.dropped++ % 1000 === 0)
      log.error("inbound log: too many rows waiting for the database, dropping", { requestId: call.requestId, dropped: state.dropped });
    return Promise.resolve();
  }
  return new Promise<void>((done) => {
    state.queue.push({ row: toRow(call, new Date()), requestId: call.requestId, done });
    void flush();
  });
}
