// GET /api/vps/:id/traffic?month=YYYY-MM — one VPS's traffic in a calendar month (UTC,
// default the current one) and its plan's quota: its owner (session or vps:read token) or any admin.
import { route } from "@/lib/http/handler";
import { idParams } from "@/lib/http/params";
import { getVpsTraffic, monthOf } from "@/lib/metrics/read-metrics";
import { trafficQuerySchema } from "@/lib/metrics/schemas";

export const GET = route.user(
  { method: "GET", path: "/api/vps/:id/traffic", tokenScope: "vps:read", params: idParams("VPS"), query: trafficQuerySchema },
  async ({ db, actor, params, query }) => getVpsTraffic(db, actor, params.id, query.month ?? monthOf(Date.now())),
);
