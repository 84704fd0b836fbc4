// Reads orders. The owner filter lives in the `where`; admins may read everyone's.
import type { Db } from "../db";
import { notFound } from "../errors";
import type { Actor } from "../users/actor";
import { ORDER_INCLUDE, toOrderView, type OrderView } from "./view";

export async function listOrders(db: Db, actor: Actor, opts: { all?: boolean; limit?: number } = {}): Promise<OrderView[]> {
  const everyone = opts.all && actor.role === "admin";
  const rows = await db.order.findMany({
    where: everyone ? {} : { userId: actor.userId },
    include: ORDER_INCLUDE,
    orderBy: { id: "desc" },
    take: opts.limit ?? 50,
  });
  return rows.map(toOrderView);
}

/** The actor's own order (any order for admins, unless `ownOnly`); 404 for everything else. */
export async function getOrder(db: Db, actor: Actor, id: number, opts: { ownOnly?: boolean } = {}): Promise<OrderView> {
  const everyone = actor.role === "admin" && !opts.ownOnly;
  const row = await db.order.findFirst({
    where: { id, ...(everyone ? {} : { userId: actor.userId }) },
    include: ORDER_INCLUDE,
  });
  if (!row) throw notFound(`Order ${id} not found`);
  return toOrderView(row);
}
