// GET /api/vps — the caller's own VPS (session, or a bearer token with vps:read); ?page=N: one dashboard page.
import { route } from "@/lib/http/handler";
import { ownVpsForApi } from "@/lib/vps/list-vps";

export const GET = route.user({ method: "GET", path: "/api/vps", tokenScope: "vps:read" }, async ({ db, actor, req }) =>
  ownVpsForApi(db, actor, new URL(req.url).searchParams),
);
