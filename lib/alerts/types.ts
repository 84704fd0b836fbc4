// Alert rules' wire shape and the values a rule may hold (PRODUCT.md §11,
// ALERTS-CONTRACT.md), without zod: the browser imports these (the rules UI, the
// notification texts) and must not download the schema library for a list of names.
// The request schemas are lib/alerts/schemas.ts.
export const ALERT_METRICS = ["cpu_percent", "ram_used_mb", "disk_read_bps", "disk_write_bps", "net_rx_bps", "net_tx_bps"] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];
export const ALERT_OPS = [">", "<"] as const;
export type AlertOp = (typeof ALERT_OPS)[number];
export const ALERT_CHANNELS = ["panel", "email", "webhook"] as const;
export type AlertChannel = (typeof ALERT_CHANNELS)[number];
export const ALERT_STATES = ["ok", "pending", "firing"] as const;
export type AlertStateName = (typeof ALERT_STATES)[number];

export const FOR_MINUTES_MAX = 1440;
/** Rules one user may keep (each is evaluated every tick for each of its VPS). */
export const ALERT_RULES_MAX = 100;

export interface AlertStateView {
  vps_id: number;
  state: AlertStateName;
  since: string;
  fired_at: string | null;
  last_value: number | null;
}

export interface AlertRuleView {
  id: number;
  user_id: number;
  vps_id: number | null;
  metric: AlertMetric;
  op: AlertOp;
  threshold: number;
  for_minutes: number;
  channels: AlertChannel[];
  enabled: boolean;
  state: AlertStateView[];
  created_at: string;
  updated_at: string;
}

/** Payload of `vps.alert` and `vps.alert_resolved` (docs/events.md). */
export interface AlertEventPayload {
  rule_id: number;
  vps_id: number;
  metric: AlertMetric;
  op: AlertOp;
  threshold: number;
  for_minutes: number;
  value: number | null;
  channels: AlertChannel[];
  fired_at: string;
  resolved_at?: string;
}
