// Reads VPS for a signed-in actor. The owner filter lives in the query's `where`.
import type { Db } from "../db";
import type { Actor } from "../users/actor";
import { toVpsView, type VpsView } from "./view";

export async function listOwnVps(db: Db, actor: Actor): Promise<VpsView[]> {
  const rows = await db.vps.findMany({
    where: { userId: actor.userId, deletedAt: null },
    orderBy: { createdAt: "desc" },
  });
  return rows.map(toVpsView);
}

export async function countVpsByStatus(db: Db) {
  const groups = await db.vps.groupBy({ by: ["status"], where: { deletedAt: null }, _count: true });
  return Object.fromEntries(groups.map((g) => [g.status, g._count])) as Record<string, number>;
}
