// Writes one inbound log row for a machine call and its server log line (info when the
// call was answered 2xx/3xx, warn when refused). Off the response path: the insert is not
// awaited by the caller, and a failed insert is logged (error), never dropped silently.
import { getDatabase } from "../db";
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
  return (async () => {
    const { prisma } = await getDatabase();
    await prisma.inboundCall.create({
      data: {
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
      },
    });
    // /admin/sync-log shows new rows live (lib/realtime/rooms.ts: coalesced, no data sent).
    signalAdmins(INBOUND_SIGNAL);
  })().catch((err: unknown) => {
    log.error("inbound log: recording a call failed", { requestId: call.requestId, error: (err as Error)?.message ?? String(err) });
  });
}
