// POST /api/vps/sync — the main site pushes a VPS change (create / update / delete), or
// many of them (batch). GET /api/vps/sync — the main site reads changes back (reconciliation).
// Mounted by server.ts (lib/machine-api/index.ts) and by app/api/vps/sync/route.ts.
import { z } from "zod";
import { getDb } from "../db";
import { reply, route } from "../http/handler";
import { listVpsChanges } from "../vps/list-vps-changes";
import { isSyncBatch, parseSyncBatch, parseSyncRequest, syncChangesQuery } from "../vps/sync-schema";
import { syncVps } from "../vps/sync-vps";
import { syncVpsBatch } from "../vps/sync-vps-batch";

/** Room for a batch of 500 items (a single change is far smaller: its fields are bounded). */
export const SYNC_MAX_BODY = 2 * 1024 * 1024;

export const vpsSyncPost = route(
  { auth: "machine", idempotent: true, body: z.unknown(), maxBody: SYNC_MAX_BODY },
  async ({ body, idempotencyKey, requestId, audit }) => {
    const db = await getDb();
    if (isSyncBatch(body))
      return { status: "success", results: await syncVpsBatch(db, parseSyncBatch(body), { idempotencyKey, requestId, audit }) };
    const outcome = await syncVps(db, parseSyncRequest(body), { idempotencyKey, audit });
    return reply(
      outcome.httpStatus,
      { status: "success", message: outcome.message ?? "VPS synced successfully", vps: outcome.vps },
      outcome.duplicate ? { "x-sync-duplicate": "true" } : {},
    );
  },
);

export const vpsSyncGet = route({ auth: "machine", query: syncChangesQuery }, async ({ query }) =>
  listVpsChanges(await getDb(), { updatedSince: query.updated_since, cursor: query.cursor, limit: query.limit }),
);
