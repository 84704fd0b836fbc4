// The signed-in user's VPS list page: own VPS only (the owner filter is in the `where`),
// searched by name, IP or OS, filtered by status, sorted.
import type { Db, Prisma } from "../db";
import type { Actor } from "../users/actor";
import { toVpsView, type VpsView } from "./view";
import type { VpsFilter } from "./vps-filter";

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

export function vpsOrderBy(f: Pick<VpsFilter, "sort" | "dir">): Prisma.VpsOrderByWithRelationInput[] {
  const key = f.sort === "created" ? "createdAt" : f.sort;
  const tail: Prisma.VpsOrderByWithRelationInput[] = f.sort === "name" ? [] : [{ name: "asc" }];
  return [{ [key]: f.dir }, ...tail, { id: f.dir }];
}

export async function searchOwnVps(db: Db, actor: Actor, f: VpsFilter): Promise<{ vps: VpsView[]; total: number }> {
  const own = { userId: actor.userId, deletedAt: null };
  const [rows, total] = await Promise.all([
    db.vps.findMany({
      where: { ...own, ...(f.status ? { status: f.status } : {}), ...vpsSearchWhere(f.q) },
      orderBy: vpsOrderBy(f),
    }),
    db.vps.count({ where: own }),
  ]);
  return { vps: rows.map(toVpsView), total };
}
