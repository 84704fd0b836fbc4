// GET /api/vps/:id/snapshots — the VPS's snapshots as the main site last pushed them, and the plan's limit (owner, admin, or a vps:read token).
import { route } from "@/lib/http/handler";
import { idParams } from "@/lib/http/params";
import { getVpsSnapshots } from "@/lib/vps/lists/get-vps-lists";

export const GET = route.user(
  { method: "GET", path: "/api/vps/:id/snapshots", tokenScope: "vps:read", params: idParams("VPS", { echo: false }) },
  async ({ db, actor, params }) => getVpsSnapshots(db, actor, params.id),
);
