// Domain event names and the message shape shared by socket.io, /ws and webhooks.
// Browser-safe: no server imports.
export const EVENT_TYPES = [
  "vps.created",
  "vps.updated",
  "vps.status_changed",
  "vps.deleted",
  "vps.action_requested",
  "vps.action_progress",
  "vps.action_resolved",
  "vps.alert",
  "vps.alert_resolved",
  "vps.traffic_quota",
  "user.created",
  "order.created",
  "order.status_changed",
  "webhook.disabled",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/**
 * Outbox rows that are not domain events: only the socket relay acts on them, and never
 * sends them to /ws, webhooks, the activity timeline or admins. `notification`: a user's
 * notification centre changed (payload `{unread, notification?}`, lib/notifications).
 */
export const INTERNAL_EVENT_TYPES = ["notification"] as const;
export type InternalEventType = (typeof INTERNAL_EVENT_TYPES)[number];

export const isDomainEventType = (type: string): type is EventType => (EVENT_TYPES as readonly string[]).includes(type);

/** What a subscriber receives: `{type, payload, timestamp}` as in the /ws seed. */
export interface EventMessage<P = Record<string, unknown>> {
  id: string;
  type: EventType;
  payload: P;
  timestamp: string;
}
