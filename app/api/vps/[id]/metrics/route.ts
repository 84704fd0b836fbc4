// GET /api/vps/:id/metrics?range=1h|24h|7d|30d|1y — one VPS's chart series: its owner
// (session or vps:read token) or any admin.
import { route } from "@/lib/http/handler";
import { idParams } from "@/lib/http/params";
import { getVpsMetrics } from "@/lib/metrics/read-metrics";
import { metricsQuerySchema } from "@/lib/metrics/schemas";

export const GET = route.user(
  { method: "GET", path: "/api/vps/:id/metrics", tokenScope: "vps:read", params: idParams("VPS"), query: metricsQuerySchema },
  async ({ db, actor, params, query }) => getVpsMetrics(db, actor, params.id, query.range),
);
