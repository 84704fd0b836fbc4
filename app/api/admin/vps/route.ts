// GET /api/admin/vps — every VPS, searched, filtered, sorted and paged (admins only).
import { adminVpsQuerySchema } from "@/lib/admin/list-params";
import { listAllVps } from "@/lib/admin/list-all-vps";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http/handler";

export const GET = route({ auth: "admin", query: adminVpsQuerySchema }, async ({ actor, query }) => {
  const page = await listAllVps(await getDb(), actor!, query);
  return { vps: page.items, total: page.total, page: page.page, per_page: page.perPage, pages: page.pages };
});
