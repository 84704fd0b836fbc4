// GET /api/vps — the caller's own VPS (session, or a bearer token with vps:read); ?page=N: one dashboard page.
import { getDb } from "@/lib/db";
import { route } from "@/lib/http/handler";
import { ownVpsForApi } from "@/lib/vps/list-vps";

export const GET = route({ auth: "user", tokenScope: "vps:read" }, async ({ actor, req }) =>
  ownVpsForApi(await getDb(), actor!, new URL(req.url).searchParams),
);
