// `{"action":"batch","items":[...]}`: many sync changes in one request (a hypervisor
// cluster restart means thousands of status updates). Each item goes through the same
// parseSyncRequest + syncVps as a single call, on its own: a bad item is answered in its
// place with the status and message the single call would get, and never rejects the
// others. Results come back in item order.
//
// Items run one after another, in order, so two changes of one VPS in a batch apply as if
// sent one by one. The batch's Idempotency-Key is claimed for the whole request by the
// HTTP layer (a replay returns the same results); each create also gets its own
// fingerprint derived from it, so a batch retried after a lost reply makes no twins.
import type { Db } from "../db";
import { AppError } from "../errors";
import { log } from "../log";
import { isSyncBatch, parseSyncRequest } from "./sync-schema";
import { syncVps } from "./sync-vps";
import type { VpsView } from "./view";

export type BatchResult =
  | { status: number; vps: VpsView; message?: string }
  | { status: number; message: string; [detail: string]: unknown };

export async function syncVpsBatch(
  db: Db,
  items: unknown[],
  opts: { idempotencyKey?: string; requestId?: string } = {},
): Promise<BatchResult[]> {
  const results: BatchResult[] = [];
  for (let i = 0; i < items.length; i++) {
    try {
      if (isSyncBatch(items[i])) throw new AppError(400, "A batch item cannot be another batch");
      const outcome = await syncVps(db, parseSyncRequest(items[i]), {
        idempotencyKey: opts.idempotencyKey === undefined ? undefined : `${opts.idempotencyKey}#${i}`,
      });
      results.push({ status: outcome.httpStatus, vps: outcome.vps, ...(outcome.message ? { message: outcome.message } : {}) });
    } catch (err) {
      if (err instanceof AppError) {
        results.push({ status: err.status, message: err.message, ...(err.details ?? {}) });
        continue;
      }
      log.error("sync batch: item failed", { requestId: opts.requestId, item: i, error: (err as Error)?.stack ?? String(err) });
      results.push({ status: 500, message: "Internal server error" });
    }
  }
  return results;
}
