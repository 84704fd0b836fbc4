// GET /api/vps — the caller's own VPS (session, or a bearer token with vps:read).
import { getDb } from "@/lib/db";
import { route } from "@/lib/http/handler";
import { listOwnVps } from "@/lib/vps/list-vps";

export const GET = route({ auth: "user", tokenScope: "vps:read" }, async ({ actor }) => {
  const vps = await listOwnVps(await getDb(), actor!);
  return { vps };
});
