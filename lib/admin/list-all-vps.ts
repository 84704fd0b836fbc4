// Every VPS for the admin list: search (name, IP, OS), status, owner, sort, offset pages.
// With 10,000 VPS this stays a few milliseconds (bench/admin-lists.ts prints the plans).
import type { Db, Prisma } from "../db";
import { assertAdmin } from "../users/access";
import type { Actor } from "../users/actor";
import { vpsOrderBy, vpsSearchWhere } from "../vps/search-own-vps";
import { DEFAULT_DIR } from "../vps/vps-filter";
import { toVpsView, type VpsView } from "../vps/view";
import type { AdminVpsQuery, Page } from "./list-params";

export interface AdminVpsRow extends VpsView {
  owner: { id: number; email: string; name: string | null };
}

function ownerWhere(owner: string | undefined): Prisma.VpsWhereInput {
  if (!owner) return {};
  if (/^\d{1,9}$/.test(owner)) return { userId: Number(owner) };
  return {
    user: {
      OR: [{ email: { contains: owner, mode: "insensitive" } }, { username: { equals: owner, mode: "insensitive" } }],
    },
  };
}

export async function listAllVps(db: Db, actor: Actor, query: AdminVpsQuery): Promise<Page<AdminVpsRow>> {
  assertAdmin(actor);
  const where: Prisma.VpsWhereInput = {
    deletedAt: null,
    ...(query.status ? { status: query.status } : {}),
    ...ownerWhere(query.owner),
    ...vpsSearchWhere(query.q),
  };
  const orderBy = vpsOrderBy({ sort: query.sort, dir: query.dir ?? DEFAULT_DIR[query.sort] });
  const fetch = (page: number) =>
    db.vps.findMany({
      where,
      orderBy,
      skip: (page - 1) * query.per_page,
      take: query.per_page,
      include: { user: { select: { id: true, email: true, name: true } } },
    });
  const [total, first] = await Promise.all([db.vps.count({ where }), fetch(query.page)]);
  const pages = Math.max(1, Math.ceil(total / query.per_page));
  // A page past the end (an old link after deletions) shows the last page instead.
  const page = Math.min(query.page, pages);
  const rows = page === query.page ? first : await fetch(page);
  return {
    items: rows.map((r) => ({ ...toVpsView(r), owner: r.user })),
    total,
    page,
    perPage: query.per_page,
    pages,
  };
}
