// GET /api/audit — the audit log for admins (session only): actor, action, target_type,
// target_id, from, to, limit, offset; newest first.
import { isForeignOrigin } from "@/lib/audit/access";
import { listAudit } from "@/lib/audit/list-audit";
import { auditApiQuerySchema } from "@/lib/audit/schemas";
import { forbidden } from "@/lib/errors";
import { reply, route } from "@/lib/http/handler";

export const GET = route.admin({ method: "GET", path: "/api/audit", query: auditApiQuerySchema }, async ({ db, req, query, actor }) => {
  if (isForeignOrigin(req.headers.get("origin"))) throw forbidden("Cross-site requests may not read the audit log");
  const { limit, offset, ...filters } = query;
  const { entries, total } = await listAudit(db, actor, filters, { limit, offset });
  return reply(200, { entries, total, limit, offset }, { "cache-control": "no-store" });
});
