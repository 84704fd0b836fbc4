// POST /api/vps/sync — the main site pushes a VPS change (create / update / delete).
import { z } from "zod";
import { getDb } from "@/lib/db";
import { reply, route } from "@/lib/http/handler";
import { parseSyncRequest } from "@/lib/vps/sync-schema";
import { syncVps } from "@/lib/vps/sync-vps";

export const POST = route({ auth: "machine", idempotent: true, body: z.unknown() }, async ({ body, idempotencyKey }) => {
  const outcome = await syncVps(await getDb(), parseSyncRequest(body), { idempotencyKey });
  return reply(
    outcome.httpStatus,
    { status: "success", message: "VPS synced successfully", vps: outcome.vps },
    outcome.duplicate ? { "x-sync-duplicate": "true" } : {},
  );
});
