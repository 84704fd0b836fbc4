// GET /api/vps/:id — one VPS: the owner's (session or vps:read token), or any for admins.
import { getDb } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { route } from "@/lib/http/handler";
import { getVps } from "@/lib/vps/get-vps";

export const GET = route({ auth: "user", tokenScope: "vps:read" }, async ({ actor, params }) => {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) throw notFound(`VPS ${params.id} not found`);
  return { vps: await getVps(await getDb(), actor!, id) };
});
