// Users for the admin list: search (email, name, username), role, offset pages, and each
// user's number of VPS (one grouped query over the page's users, served by the
// vps(user_id, deleted_at, created_at) index).
import type { Db, Prisma } from "../db";
import { assertAdmin } from "../users/access";
import type { Actor } from "../users/actor";
import type { AdminUsersQuery, Page } from "./list-params";

export interface AdminUserRow {
  id: number;
  email: string;
  username: string | null;
  name: string | null;
  role: "client" | "admin";
  created_at: string;
  vps_count: number;
}

export async function listUsers(db: Db, actor: Actor, query: AdminUsersQuery): Promise<Page<AdminUserRow>> {
  assertAdmin(actor);
  const where: Prisma.UserWhereInput = {
    ...(query.role ? { role: query.role } : {}),
    ...(query.q
      ? {
          OR: [
            { email: { contains: query.q, mode: "insensitive" } },
            { name: { contains: query.q, mode: "insensitive" } },
            { username: { contains: query.q, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const fetch = (page: number) =>
    db.user.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * query.per_page,
      take: query.per_page,
      select: { id: true, email: true, username: true, name: true, role: true, createdAt: true },
    });
  const [total, first] = await Promise.all([db.user.count({ where }), fetch(query.page)]);
  const pages = Math.max(1, Math.ceil(total / query.per_page));
  const page = Math.min(query.page, pages);
  const users = page === query.page ? first : await fetch(page);
  const counts = users.length
    ? await db.vps.groupBy({ by: ["userId"], where: { userId: { in: users.map((u) => u.id) }, deletedAt: null }, _count: { _all: true } })
    : [];
  const byUser = new Map(counts.map((c) => [c.userId, c._count._all]));
  return {
    items: users.map((u) => ({
      id: u.id,
      email: u.email,
      username: u.username,
      name: u.name,
      role: u.role,
      created_at: u.createdAt.toISOString(),
      vps_count: byUser.get(u.id) ?? 0,
    })),
    total,
    page,
    perPage: query.per_page,
    pages,
  };
}
