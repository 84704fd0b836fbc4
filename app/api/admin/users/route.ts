// GET /api/admin/users — users with their VPS counts, searched, filtered and paged (admins only).
import { adminUsersQuerySchema } from "@/lib/admin/schemas";
import { listUsers } from "@/lib/admin/list-users";
import { route } from "@/lib/http/handler";

export const GET = route.admin({ method: "GET", path: "/api/admin/users", query: adminUsersQuerySchema }, async ({ db, actor, query }) => {
  const page = await listUsers(db, actor, query);
  return { users: page.items, total: page.total, page: page.page, per_page: page.perPage, pages: page.pages };
});
