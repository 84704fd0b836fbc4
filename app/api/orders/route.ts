// GET /api/orders — the caller's orders, session or token with vps:read/orders:write (admins: everyone's with ?all=1)
// POST /api/orders — order a plan: {plan_id, os} (session, or token with orders:write; Idempotency-Key honoured)
import { z } from "zod";
import { getDb } from "@/lib/db";
import { forbidden } from "@/lib/errors";
import { route } from "@/lib/http/handler";
import { createOrder } from "@/lib/orders/create-order";
import { listOrders } from "@/lib/orders/list-orders";

const orderBody = z.object({
  plan_id: z.number().int().positive().max(2_147_483_647),
  os: z.string().trim().min(1).max(100).optional(),
});

export const GET = route(
  {
    auth: "user",
    tokenScope: ["vps:read", "orders:write"],
    query: z.object({
      all: z.enum(["0", "1", "true", "false"]).optional(),
      limit: z.coerce.number().int().min(1).max(200).optional(),
    }),
  },
  async ({ actor, query }) => {
    const all = query.all === "1" || query.all === "true";
    if (all && actor!.role !== "admin") throw forbidden("Only administrators may list every order");
    return { orders: await listOrders(await getDb(), actor!, { all, limit: query.limit }) };
  },
);

export const POST = route({ auth: "user", tokenScope: "orders:write", idempotent: true, body: orderBody }, async ({ actor, body, req, audit }) => {
  const viaToken = req.headers.has("authorization");
  const order = await createOrder(await getDb(), actor!, { planId: body.plan_id, os: body.os, source: viaToken ? "api" : "panel" }, audit);
  return Response.json({ order }, { status: 201 });
});
