// POST /api/vps/sync — the main site pushes a VPS change (create / update / delete).
// Mounted by server.ts (lib/machine-api/index.ts) and by app/api/vps/sync/route.ts.
import { z } from "zod";
import { getDb } from "../db";
import { reply, route } from "../http/handler";
import { parseSyncRequest } from "../vps/sync-schema";
import { syncVps } from "../vps/sync-vps";

export const vpsSyncPost = route({ auth: "machine", idempotent: true, body: z.unknown() }, async ({ body, idempotencyKey, audit }) => {
  const outcome = await syncVps(await getDb(), parseSyncRequest(body), { idempotencyKey, audit });
  return reply(
    outcome.httpStatus,
    { status: "success", message: "VPS synced successfully", vps: outcome.vps },
    outcome.duplicate ? { "x-sync-duplicate": "true" } : {},
  );
});
