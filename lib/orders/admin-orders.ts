// What an administrator reads about orders: a page of everyone's orders (status, user,
// search) and one order with its owner and status history. The role check is here, next
// to the data, whatever the caller checked before.
import type { Db } from "../db";
import { forbidden, notFound } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { AdminOrdersQuery } from "../admin/schemas";
import { fetchPage, type Page } from "../list/page";
import type { Actor } from "../users/actor";
import { ORDER_INCLUDE, toOrderView, type OrderStatus, type OrderView } from "./view";

export interface OrderOwner {
  id: number;
  email: string;
  name: string | null;
}
export type AdminOrderRow = OrderView & { owner: OrderOwner };

export interface OrderHistoryEntry {
  status: OrderStatus;
  previous_status: OrderStatus | null;
  error_message: string | null;
  at: string;
}
export interface AdminOrderDetail {
  order: AdminOrderRow;
  /** From the order's events, oldest first (the outbox keeps every order event). */
  history: OrderHistoryEntry[];
}

const OWNER_SELECT = { user: { select: { id: true, email: true, name: true } } } as const;

function assertAdmin(actor: Actor) {
  if (actor.role !== "admin") throw forbidden("Only administrators may read every order");
}

function userWhere(user: string | undefined): Prisma.OrderWhereInput {
  if (!user) return {};
  if (/^\d{1,9}$/.test(user)) return { userId: Number(user) };
  return { user: { OR: [{ email: { contains: user, mode: "insensitive" } }, { username: { equals: user, mode: "insensitive" } }] } };
}

function searchWhere(q: string): Prisma.OrderWhereInput {
  if (!q) return {};
  const text = q.replace(/^#/, "");
  const or: Prisma.OrderWhereInput[] = [
    { os: { contains: text, mode: "insensitive" } },
    { plan: { code: { contains: text, mode: "insensitive" } } },
    { plan: { name: { contains: text, mode: "insensitive" } } },
    { errorMessage: { contains: text, mode: "insensitive" } },
  ];
  if (/^\d{1,9}$/.test(text)) or.unshift({ id: Number(text) });
  return { OR: or };
}

export async function listAdminOrders(db: Db, actor: Actor, query: AdminOrdersQuery): Promise<Page<AdminOrderRow>> {
  assertAdmin(actor);
  const where: Prisma.OrderWhereInput = {
    ...(query.status ? { status: query.status } : {}),
    AND: [userWhere(query.user), searchWhere(query.q)],
  };
  return fetchPage(
    { page: query.page, perPage: query.per_page },
    () => db.order.count({ where }),
    async (skip, take) =>
      (await db.order.findMany({ where, orderBy: { id: "desc" }, skip, take, include: { ...ORDER_INCLUDE, ...OWNER_SELECT } })).map((r) => ({
        ...toOrderView(r),
        owner: r.user,
      })),
  );
}

export async function getAdminOrder(db: Db, actor: Actor, id: number): Promise<AdminOrderDetail> {
  assertAdmin(actor);
  const row = await db.order.findUnique({ where: { id }, include: { ...ORDER_INCLUDE, ...OWNER_SELECT } });
  if (!row) throw notFound(`Order ${id} not found`);
  const events = await db.domainEvent.findMany({
    where: { type: { in: ["order.created", "order.status_changed"] }, userId: row.userId, payload: { path: ["order_id"], equals: id } },
    orderBy: { id: "asc" },
    select: { type: true, payload: true, createdAt: true },
    take: 200,
  });
  // A retry's fresh order.created is for the main site; its status_changed already says it.
  const history = events.filter((e) => !(e.type === "order.created" && (e.payload as { retry?: boolean }).retry)).map((e): OrderHistoryEntry => {
    const p = e.payload as { status?: OrderStatus; previous_status?: OrderStatus; error_message?: string | null };
    return {
      status: p.status ?? "in_progress",
      previous_status: e.type === "order.created" ? null : (p.previous_status ?? null),
      error_message: p.error_message ?? null,
      at: e.createdAt.toISOString(),
    };
  });
  return { order: { ...toOrderView(row), owner: row.user }, history };
}
