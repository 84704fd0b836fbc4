// POST /api/vps/sync — the main site pushes a VPS change (create / update / delete), or
// many of them (batch). GET /api/vps/sync — the main site reads changes back (reconciliation).
import { reply, route } from "../http/handler";
import { listVpsChanges } from "../vps/list-vps-changes";
import { syncBodySchema, syncChangesQuery } from "../vps/schemas";
import { syncVps } from "../vps/sync-vps";
import { syncVpsBatch } from "../vps/sync-vps-batch";

/** Room for a batch of 500 items (a single change is far smaller: its fields are bounded). */
export const SYNC_MAX_BODY = 2 * 1024 * 1024;

export const vpsSyncPost = route.machine(
  { method: "POST", path: "/api/vps/sync", idempotent: true, body: syncBodySchema, maxBody: SYNC_MAX_BODY },
  async ({ db, body, idempotencyKey, requestId, audit, inbound }) => {
    if ("batch" in body) return { status: "success", results: await syncVpsBatch(db, body.batch, { idempotencyKey, requestId, audit }) };
    const outcome = await syncVps(db, body.change, { idempotencyKey, audit });
    if (outcome.vps) inbound.vpsId = outcome.vps.id; // a create names no id: the log shows the new one
    return reply(
      outcome.httpStatus,
      { status: "success", message: outcome.message ?? "VPS synced successfully", vps: outcome.vps },
      outcome.duplicate ? { "x-sync-duplicate": "true" } : {},
    );
  },
);

export const vpsSyncGet = route.machine({ method: "GET", path: "/api/vps/sync", query: syncChangesQuery }, async ({ db, query }) =>
  listVpsChanges(db, { updatedSince: query.updated_since, cursor: query.cursor, limit: query.limit }),
);
