// Lists webhooks with the seed's filters: event_type (webhooks that would receive it,
// including "*" subscribers), is_active, limit/offset.
import type { Db, Prisma } from "../db";
import { assertAdmin } from "../users/access";
import type { Actor } from "../users/actor";
import { webhookCounts, secretFlags } from "./get-webhook";
import { ALL_EVENTS, type ListWebhooksQuery } from "./schemas";
import { NO_COUNTS, toWebhookView, type WebhookView } from "./view";

export interface WebhookList {
  items: WebhookView[];
  total: number;
  limit: number;
  offset: number;
}

export async function listWebhooks(db: Db, actor: Actor, q: ListWebhooksQuery): Promise<WebhookList> {
  assertAdmin(actor);
  const where: Prisma.WebhookWhereInput = {
    ...(q.is_active !== undefined ? { isActive: q.is_active } : {}),
    ...(q.event_type
      ? q.event_type === ALL_EVENTS
        ? { eventTypes: { has: ALL_EVENTS } }
        : { eventTypes: { hasSome: [q.event_type, ALL_EVENTS] } }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db.webhook.findMany({ where, orderBy: { id: "asc" }, take: q.limit, skip: q.offset }),
    db.webhook.count({ where }),
  ]);
  const ids = rows.map((r) => r.id);
  const [counts, secrets] = await Promise.all([webhookCounts(db, ids), secretFlags(db, ids)]);
  return {
    items: rows.map((r) => toWebhookView(r, secrets.has(r.id), counts.get(r.id) ?? NO_COUNTS)),
    total,
    limit: q.limit,
    offset: q.offset,
  };
}
