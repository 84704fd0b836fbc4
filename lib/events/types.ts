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

/** What a subscriber receives: `{type, payload, timestamp}` as in the /ws seed. */
export interface EventMessage<P = Record<string, unknown>> {
  id: string;
  type: EventType;
  payload: P;
  timestamp: string;
}
