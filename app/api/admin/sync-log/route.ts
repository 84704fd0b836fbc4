// GET /api/admin/sync-log — the inbound log of machine calls for admins (session only):
// status (ok|rejected), endpoint, vps, limit, offset; newest first.
import { isForeignOrigin } from "@/lib/audit/access";
import { forbidden } from "@/lib/errors";
import { reply, route } from "@/lib/http/handler";
import { listInboundLog } from "@/lib/inbound-log/list-inbound-log";
import { inboundApiQuerySchema } from "@/lib/inbound-log/schemas";

export const GET = route.admin({ method: "GET", path: "/api/admin/sync-log", query: inboundApiQuerySchema }, async ({ db, req, query, actor }) => {
  if (isForeignOrigin(req.headers.get("origin"))) throw forbidden("Cross-site requests may not read the inbound log");
  const { limit, offset, ...filters } = query;
  const { calls, total } = await listInboundLog(db, actor, filters, { limit, offset });
  return reply(200, { calls, total, limit, offset }, { "cache-control": "no-store" });
});
