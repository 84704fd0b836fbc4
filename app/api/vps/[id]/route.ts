// GET /api/vps/:id — one VPS: the owner's (session or vps:read token), or any for admins.
import { route } from "@/lib/http/handler";
import { idParams } from "@/lib/http/params";
import { getVps } from "@/lib/vps/get-vps";

export const GET = route.user(
  { method: "GET", path: "/api/vps/:id", tokenScope: "vps:read", params: idParams("VPS") },
  async ({ db, actor, params }) => ({ vps: await getVps(db, actor, params.id) }),
);
