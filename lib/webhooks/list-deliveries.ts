// A webhook's delivery history, newest first, with the seed's status/limit/offset filters;
// and one delivery with every attempt (request body, response, timing, error).
import type { Db } from "../db";
import { notFound } from "../errors";
import type { ListDeliveriesQuery } from "./schemas";
import { toDeliveryView, type DeliveryView } from "./view";

export interface DeliveryList {
  items: DeliveryView[];
  total: number;
  limit: number;
  offset: number;
}

async function assertWebhook(db: Db, webhookId: number) {
  const hook = await db.webhook.findUnique({ where: { id: webhookId }, select: { id: true } });
  if (!hook) throw notFound(`Webhook ${webhookId} not found`);
}

export async function listDeliveries(db: Db, webhookId: number, q: ListDeliveriesQuery): Promise<DeliveryList> {
  await assertWebhook(db, webhookId);
  const where = { webhookId, ...(q.status ? { status: q.status } : {}) };
  const [rows, total] = await Promise.all([
    db.webhookDelivery.findMany({ where, orderBy: { id: "desc" }, take: q.limit, skip: q.offset }),
    db.webhookDelivery.count({ where }),
  ]);
  return { items: rows.map((r) => toDeliveryView(r)), total, limit: q.limit, offset: q.offset };
}

export async function getDelivery(db: Db, webhookId: number, deliveryId: bigint): Promise<DeliveryView> {
  const row = await db.webhookDelivery.findFirst({
    where: { id: deliveryId, webhookId },
    include: { attemptLog: { orderBy: { id: "desc" }, take: 100 } },
  });
  if (!row) throw notFound(`Delivery ${deliveryId} of webhook ${webhookId} not found`);
  const { attemptLog, ...delivery } = row;
  return toDeliveryView(delivery, attemptLog);
}
