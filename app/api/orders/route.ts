// GET /api/orders — the caller's orders, session or token with vps:read/orders:write (admins: everyone's with ?all=1)
// POST /api/orders — order a plan: {plan_id, os} (session, or token with orders:write; Idempotency-Key honoured)
import { forbidden } from "@/lib/errors";
import { reply, route } from "@/lib/http/handler";
import { createOrder } from "@/lib/orders/create-order";
import { listOrders } from "@/lib/orders/list-orders";
import { createOrderBody, listOrdersQuery } from "@/lib/orders/schemas";

export const GET = route.user(
  { method: "GET", path: "/api/orders", tokenScope: ["vps:read", "orders:write"], query: listOrdersQuery },
  async ({ db, actor, query }) => {
    const all = query.all === "1" || query.all === "true";
    if (all && actor.role !== "admin") throw forbidden("Only administrators may list every order");
    return { orders: await listOrders(db, actor, { all, limit: query.limit }) };
  },
);

export const POST = route.user(
  { method: "POST", path: "/api/orders", tokenScope: "orders:write", idempotent: true, body: createOrderBody },
  async ({ db, actor, body, req, audit }) => {
    const viaToken = req.headers.has("authorization");
    const order = await createOrder(db, actor, { planId: body.plan_id, os: body.os, source: viaToken ? "api" : "panel" }, audit);
    return reply(201, { order });
  },
);
