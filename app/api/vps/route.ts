// GET /api/vps — the caller's own VPS (session, or a bearer token with vps:read).
import { route } from "@/lib/http/handler";
import { listOwnVps } from "@/lib/vps/list-vps";

export const GET = route.user({ method: "GET", path: "/api/vps", tokenScope: "vps:read" }, async ({ db, actor }) => ({
  vps: await listOwnVps(db, actor),
}));
