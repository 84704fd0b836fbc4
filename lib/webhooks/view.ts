// Public shapes of webhooks and deliveries (snake_case, as in the seed's API). Secrets are
// never part of them: only `has_secret`.
import type { DeliveryStatus } from "./schemas";

export interface WebhookView {
  id: number;
  name: string;
  url: string;
  /** As the seed has it: one name, or the list when there are several. */
  event_type: string | string[];
  event_types: string[];
  description: string | null;
  is_active: boolean;
  has_secret: boolean;
  /** While a rotated-out secret still signs (X-Webhook-Signature-Previous). */
  previous_secret_valid_until: string | null;
  consecutive_failures: number;
  disabled_reason: string | null;
  created_at: string;
  updated_at: string;
  last_triggered_at: string | null;
  success_count: number;
  failure_count: number;
  pending_count: number;
}

export interface WebhookRow {
  id: number;
  name: string;
  url: string;
  eventTypes: string[];
  description: string | null;
  isActive: boolean;
  consecutiveFailures: number;
  disabledReason: string | null;
  previousSecretUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface WebhookCounts {
  success: number;
  failed: number;
  pending: number;
  lastTriggeredAt: Date | null;
}

export const NO_COUNTS: WebhookCounts = { success: 0, failed: 0, pending: 0, lastTriggeredAt: null };

export function toWebhookView(w: WebhookRow, hasSecret: boolean, counts: WebhookCounts = NO_COUNTS): WebhookView {
  const rotating = w.previousSecretUntil && w.previousSecretUntil > new Date() ? w.previousSecretUntil.toISOString() : null;
  return {
    id: w.id,
    name: w.name,
    url: w.url,
    event_type: w.eventTypes.length === 1 ? w.eventTypes[0] : w.eventTypes,
    event_types: w.eventTypes,
    description: w.description,
    is_active: w.isActive,
    has_secret: hasSecret,
    previous_secret_valid_until: rotating,
    consecutive_failures: w.consecutiveFailures,
    disabled_reason: w.disabledReason,
    created_at: w.createdAt.toISOString(),
    updated_at: w.updatedAt.toISOString(),
    last_triggered_at: counts.lastTriggeredAt?.toISOString() ?? null,
    success_count: counts.success,
    failure_count: counts.failed,
    pending_count: counts.pending,
  };
}

export interface AttemptView {
  id: string;
  started_at: string;
  duration_ms: number;
  response_status: number | null;
  response_body: string | null;
  error: string | null;
}

export interface DeliveryView {
  id: string;
  webhook_id: number;
  event_id: string | null;
  event_type: string;
  /** The body exactly as sent (signed bytes). */
  body: string;
  payload: unknown;
  status: DeliveryStatus;
  attempt_number: number;
  next_retry_at: string | null;
  response_status: number | null;
  response_body: string | null;
  error_message: string | null;
  duration_ms: number | null;
  created_at: string;
  updated_at: string;
  delivered_at: string | null;
  attempts?: AttemptView[];
}

export interface DeliveryRow {
  id: bigint;
  webhookId: number;
  eventId: bigint | null;
  eventType: string;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  responseStatus: number | null;
  responseBody: string | null;
  lastError: string | null;
  durationMs: number | null;
  deliveredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface AttemptRow {
  id: bigint;
  startedAt: Date;
  durationMs: number;
  responseStatus: number | null;
  responseBody: string | null;
  error: string | null;
}

function parseBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

export function toDeliveryView(d: DeliveryRow, attempts?: AttemptRow[]): DeliveryView {
  return {
    id: d.id.toString(),
    webhook_id: d.webhookId,
    event_id: d.eventId?.toString() ?? null,
    event_type: d.eventType,
    body: d.body,
    payload: parseBody(d.body),
    status: d.status,
    attempt_number: d.attempts,
    next_retry_at: d.status === "pending" ? d.nextAttemptAt.toISOString() : null,
    response_status: d.responseStatus,
    response_body: d.responseBody,
    error_message: d.lastError,
    duration_ms: d.durationMs,
    created_at: d.createdAt.toISOString(),
    updated_at: d.updatedAt.toISOString(),
    delivered_at: d.deliveredAt?.toISOString() ?? null,
    ...(attempts
      ? {
          attempts: attempts.map((a) => ({
            id: a.id.toString(),
            started_at: a.startedAt.toISOString(),
            duration_ms: a.durationMs,
            response_status: a.responseStatus,
            response_body: a.responseBody,
            error: a.error,
          })),
        }
      : {}),
  };
}

export interface WebhookStats {
  total_webhooks: number;
  active_webhooks: number;
  total_deliveries: number;
  successful_deliveries: number;
  failed_deliveries: number;
  pending_deliveries: number;
  /** successful / total deliveries × 100, two decimals (as the seed computes it). */
  success_rate: number;
  attempts_last_24h: number;
  failed_attempts_last_24h: number;
}
