// GET /api/admin/users — users with their VPS counts, searched, filtered and paged (admins only).
import { adminUsersQuerySchema } from "@/lib/admin/list-params";
import { listUsers } from "@/lib/admin/list-users";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http/handler";

export const GET = route({ auth: "admin", query: adminUsersQuerySchema }, async ({ actor, query }) => {
  const page = await listUsers(await getDb(), actor!, query);
  return { users: page.items, total: page.total, page: page.page, per_page: page.perPage, pages: page.pages };
});
