// Request shapes of the webhook admin API, shared by the route handlers and the admin
// form (browser-safe: zod and event names only).
import { z } from "zod";
import { EVENT_TYPES } from "../events/types";
import { bigintId, intId } from "../http/params";

export const ALL_EVENTS = "*";
export const TEST_EVENT_TYPE = "webhook.test";
export const DELIVERY_STATUSES = ["pending", "success", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

const eventName = z.union([z.literal(ALL_EVENTS), z.enum(EVENT_TYPES)], {
  error: `unknown event type; expected "*" or one of ${EVENT_TYPES.join(", ")}`,
});

/** `event_type`: one name, a list of names, or "*" (everything). Normalised to a sorted list. */
export const eventTypeInput = z
  .union([eventName, z.array(eventName).min(1, "choose at least one event type").max(EVENT_TYPES.length + 1)])
  .transform((v) => {
    const list = Array.isArray(v) ? v : [v];
    return list.includes(ALL_EVENTS) ? [ALL_EVENTS] : [...new Set(list)].sort();
  });

const name = z.string().trim().min(1, "required").max(100, "at most 100 characters");
const url = z
  .string()
  .trim()
  .max(2048, "at most 2048 characters")
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === "http:" || u.protocol === "https:";
    } catch {
      return false;
    }
  }, "must be an http:// or https:// URL");
const secret = z.string().min(16, "at least 16 characters").max(256, "at most 256 characters");
const description = z.string().trim().max(500, "at most 500 characters");

export const createWebhookBody = z.strictObject({
  name,
  url,
  event_type: eventTypeInput,
  secret: secret.nullish(),
  description: description.nullish(),
  is_active: z.boolean().optional(),
});
export type CreateWebhookBody = z.infer<typeof createWebhookBody>;

export const updateWebhookBody = z
  .strictObject({
    name: name.optional(),
    url: url.optional(),
    event_type: eventTypeInput.optional(),
    /** null removes the secret (deliveries go unsigned). */
    secret: secret.nullish(),
    description: description.nullish(),
    is_active: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), "nothing to update");
export type UpdateWebhookBody = z.infer<typeof updateWebhookBody>;

const limit = z.coerce.number().int().min(1).max(200).default(50);
const offset = z.coerce.number().int().min(0).max(1_000_000).default(0);
const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

export const listWebhooksQuery = z.object({
  event_type: z.union([z.literal(ALL_EVENTS), z.enum(EVENT_TYPES)]).optional(),
  is_active: bool.optional(),
  limit,
  offset,
});
export type ListWebhooksQuery = z.infer<typeof listWebhooksQuery>;

export const listDeliveriesQuery = z.object({
  status: z.enum(DELIVERY_STATUSES).optional(),
  limit,
  offset,
});
export type ListDeliveriesQuery = z.infer<typeof listDeliveriesQuery>;

/** /api/webhooks/:id… */
export const webhookParams = z.object({ id: intId("Webhook", { echo: false }) });
/** /api/webhooks/:id/deliveries/:deliveryId… */
export const deliveryParams = z.object({ id: intId("Webhook", { echo: false }), deliveryId: bigintId("Delivery") });
