// The VPS lists, one query per audience: the owner's own VPS (the client dashboard and
// GET /api/vps) and every VPS for an administrator (/admin/vps, GET /api/admin/vps). Who
// sees which rows is lib/vps/access.ts; both share the search, status filter, order and
// offset pages below. With 10,000 VPS a page stays a few milliseconds
// (bench/admin-lists.ts prints the plans).
import type { AdminVpsQuery } from "../admin/list-params";
import type { Db, Prisma } from "../db";
import { fetchPage, type Page } from "../list/page";
import type { Actor } from "../users/actor";
import { vpsListScope } from "./access";
import { toVpsView, type VpsView } from "./view";
import { DEFAULT_DIR, isFilterActive, type VpsFilter } from "./vps-filter";
import { parseVpsFilter, parseVpsPage } from "./vps-filter-params";

/** Search by name, IP or OS (case-insensitive), the same match as matchesVpsFilter. */
export function vpsSearchWhere(q: string): Prisma.VpsWhereInput {
  if (!q) return {};
  return {
    OR: [
      { name: { contains: q, mode: "insensitive" } },
      { ipAddress: { contains: q, mode: "insensitive" } },
      { os: { contains: q, mode: "insensitive" } },
    ],
  };
}

/** The sort key, then name, then id: the same order as compareVps. */
export function vpsOrderBy(f: Pick<VpsFilter, "sort" | "dir">): Prisma.VpsOrderByWithRelationInput[] {
  const key = f.sort === "created" ? "createdAt" : f.sort;
  const tail: Prisma.VpsOrderByWithRelationInput[] = f.sort === "name" ? [] : [{ name: "asc" }];
  return [{ [key]: f.dir }, ...tail, { id: f.dir }];
}

function filterWhere(f: Pick<VpsFilter, "q" | "status">): Prisma.VpsWhereInput {
  return { ...(f.status ? { status: f.status } : {}), ...vpsSearchWhere(f.q) };
}

export interface OwnVpsPage extends Page<VpsView> {
  /** All of the owner's VPS, filter or not (tells "no VPS" from "no match"). */
  ownTotal: number;
}

/** A page of the actor's own VPS for a filter; `all` returns every matching row at once. */
export async function queryOwnVps(db: Db, actor: Actor, filter: VpsFilter, paging: { page: number; perPage: number } | "all"): Promise<OwnVpsPage> {
  const scope = vpsListScope(actor, "owner");
  const where = { ...scope, ...filterWhere(filter) };
  const orderBy = vpsOrderBy(filter);
  const ownTotal = isFilterActive(filter) ? db.vps.count({ where: scope }) : undefined;
  const result: Page<VpsView> =
    paging === "all"
      ? await db.vps.findMany({ where, orderBy }).then((rows) => ({ items: rows.map(toVpsView), total: rows.length, page: 1, perPage: Math.max(1, rows.length), pages: 1 }))
      : await fetchPage(
          paging,
          () => db.vps.count({ where }),
          async (skip, take) => (await db.vps.findMany({ where, orderBy, skip, take })).map(toVpsView),
        );
  return { ...result, ownTotal: ownTotal ? await ownTotal : result.total };
}

/** Rows per page of the client's dashboard (and of GET /api/vps?page=N). */
export const OWN_VPS_PER_PAGE = 50;

/**
 * GET /api/vps: every one of the actor's VPS as `{vps}`; with `page` in the query, one
 * dashboard page for the query's filter as `{vps, total, own_total, page, pages}` (the
 * dashboard reloads its page with it when live events move rows between pages).
 */
export async function ownVpsForApi(db: Db, actor: Actor, params: URLSearchParams) {
  if (!params.has("page")) return { vps: await listOwnVps(db, actor) };
  const query = Object.fromEntries(params);
  const r = await queryOwnVps(db, actor, parseVpsFilter(query), { page: parseVpsPage(query), perPage: OWN_VPS_PER_PAGE });
  return { vps: r.items, total: r.total, own_total: r.ownTotal, page: r.page, pages: r.pages };
}

/** Every one of the actor's VPS, newest first (GET /api/vps). */
export async function listOwnVps(db: Db, actor: Actor): Promise<VpsView[]> {
  return (await queryOwnVps(db, actor, { q: "", sort: "created", dir: "desc" }, "all")).items;
}

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

/** A page of every VPS for an administrator: search, status, owner (id or email/username), sort. */
export async function listAllVps(db: Db, actor: Actor, query: AdminVpsQuery): Promise<Page<AdminVpsRow>> {
  const where: Prisma.VpsWhereInput = { ...vpsListScope(actor, "admin"), ...filterWhere(query), ...ownerWhere(query.owner) };
  const orderBy = vpsOrderBy({ sort: query.sort, dir: query.dir ?? DEFAULT_DIR[query.sort] });
  return fetchPage(
    { page: query.page, perPage: query.per_page },
    () => db.vps.count({ where }),
    async (skip, take) =>
      (await db.vps.findMany({ where, orderBy, skip, take, include: { user: { select: { id: true, email: true, name: true } } } })).map((r) => ({
        ...toVpsView(r),
        owner: r.user,
      })),
  );
}

export async function countVpsByStatus(db: Db) {
  const groups = await db.vps.groupBy({ by: ["status"], where: { deletedAt: null }, _count: true });
  return Object.fromEntries(groups.map((g) => [g.status, g._count])) as Record<string, number>;
}
