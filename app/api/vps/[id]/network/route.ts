// GET /api/vps/:id/network — the VPS's addresses with their reverse DNS as the main site last pushed it (owner, admin, or a vps:read token).
import { route } from "@/lib/http/handler";
import { idParams } from "@/lib/http/params";
import { getVpsNetwork } from "@/lib/vps/lists/get-vps-lists";

export const GET = route.user(
  { method: "GET", path: "/api/vps/:id/network", tokenScope: "vps:read", params: idParams("VPS", { echo: false }) },
  async ({ db, actor, params }) => getVpsNetwork(db, actor, params.id),
);
