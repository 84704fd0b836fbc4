// GET /api/vps — the signed-in user's own VPS.
import { getDb } from "@/lib/db";
import { route } from "@/lib/http/handler";
import { listOwnVps } from "@/lib/vps/list-vps";

export const GET = route({ auth: "user" }, async ({ actor }) => {
  const vps = await listOwnVps(await getDb(), actor!);
  return { vps };
});
