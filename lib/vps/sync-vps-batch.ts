// `{"action":"batch","items":[...]}`: many sync changes in one request (a hypervisor
// cluster restart means thousands of status updates). Each item goes through the same
// parseSyncRequest + syncVps as a single call, on its own: a bad item is answered in its
// place with the status and message the single call would get, and never rejects the
// others. Results come back in item order.
//
// Items run a few at a time (the database pool does the work in parallel, as it would for
// as many single calls), but the items that name one VPS — or create the same one — run
// one after another in item order, so two changes of one VPS apply as if sent one by one.
// The batch's Idempotency-Key is claimed for the whole request by the HTTP layer (a replay
// returns the same results); each create also gets its own fingerprint derived from it,
// so a batch retried after a lost reply makes no twins.
import type { AuditContext } from "../audit/context";
import type { Db } from "../db";
import { AppError } from "../errors";
import { log } from "../log";
import { isSyncBatch, parseSyncRequest, type SyncRequest } from "./sync-schema";
import { syncVps } from "./sync-vps";
import type { VpsView } from "./view";

/** Items in flight at once: below the pool size (10), so single calls still get connections. */
const PARALLEL = 6;

export type BatchResult =
  | { status: number; vps: VpsView; message?: string }
  | { status: number; message: string; [detail: string]: unknown };

/** Items with the same key must keep their order. */
function orderKey(request: SyncRequest): string {
  return request.action === "create" ? `create:${request.vps.user_id}:${request.vps.name}` : `vps:${request.vps.id}`;
}

export async function syncVpsBatch(
  db: Db,
  items: unknown[],
  opts: { idempotencyKey?: string; requestId?: string; audit?: AuditContext } = {},
): Promise<BatchResult[]> {
  const results: BatchResult[] = new Array(items.length);
  const failed = (i: number, err: unknown) => {
    if (err instanceof AppError) {
      results[i] = { status: err.status, message: err.message, ...(err.details ?? {}) };
      return;
    }
    log.error("sync batch: item failed", { requestId: opts.requestId, item: i, error: (err as Error)?.stack ?? String(err) });
    results[i] = { status: 500, message: "Internal server error" };
  };

  // Parse everything first; items of one key form a chain run in order.
  const chains = new Map<string, { i: number; request: SyncRequest }[]>();
  items.forEach((item, i) => {
    try {
      if (isSyncBatch(item)) throw new AppError(400, "A batch item cannot be another batch");
      const request = parseSyncRequest(item);
      const key = orderKey(request);
      const chain = chains.get(key);
      if (chain) chain.push({ i, request });
      else chains.set(key, [{ i, request }]);
    } catch (err) {
      failed(i, err);
    }
  });

  const queue = [...chains.values()];
  const worker = async () => {
    for (let chain = queue.shift(); chain; chain = queue.shift())
      for (const { i, request } of chain) {
        try {
          const outcome = await syncVps(db, request, {
            idempotencyKey: opts.idempotencyKey === undefined ? undefined : `${opts.idempotencyKey}#${i}`,
            audit: opts.audit,
          });
          results[i] = { status: outcome.httpStatus, vps: outcome.vps, ...(outcome.message ? { message: outcome.message } : {}) };
        } catch (err) {
          failed(i, err);
        }
      }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, queue.length) }, worker));
  return results;
}
