// GET /api/vps/:id/backups — the VPS's backups as the main site last pushed them (owner, admin, or a vps:read token).
import { route } from "@/lib/http/handler";
import { idParams } from "@/lib/http/params";
import { getVpsBackups } from "@/lib/vps/lists/get-vps-lists";

export const GET = route.user(
  { method: "GET", path: "/api/vps/:id/backups", tokenScope: "vps:read", params: idParams("VPS", { echo: false }) },
  async ({ db, actor, params }) => getVpsBackups(db, actor, params.id),
);
