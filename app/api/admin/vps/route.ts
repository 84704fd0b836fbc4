// GET /api/admin/vps — every VPS, searched, filtered, sorted and paged (admins only).
import { adminVpsQuerySchema } from "@/lib/admin/schemas";
import { listAllVps } from "@/lib/vps/list-vps";
import { route } from "@/lib/http/handler";

export const GET = route.admin({ method: "GET", path: "/api/admin/vps", query: adminVpsQuerySchema }, async ({ db, actor, query }) => {
  const page = await listAllVps(db, actor, query);
  return { vps: page.items, total: page.total, page: page.page, per_page: page.perPage, pages: page.pages };
});
