// The wire shape of GET/POST/PATCH /api/alerts (ALERTS-CONTRACT.md) as the rules UI reads it.
// Browser-safe.
import type { AlertMetricName } from "@/lib/notifications/metric-units";

export const RULE_CHANNELS = ["panel", "email", "webhook"] as const;
export type RuleChannel = (typeof RULE_CHANNELS)[number];
export type RuleStateName = "ok" | "pending" | "firing";

export interface RuleStateView {
  vps_id: number;
  state: RuleStateName;
  since: string;
  fired_at: string | null;
  last_value: number | null;
}

export interface AlertRuleView {
  id: number;
  vps_id: number | null;
  metric: AlertMetricName;
  op: ">" | "<";
  threshold: number;
  for_minutes: number;
  channels: RuleChannel[];
  enabled: boolean;
  state: RuleStateView[];
  created_at: string;
}

export interface NewAlertRule {
  vps_id: number | null;
  metric: AlertMetricName;
  op: ">" | "<";
  threshold: number;
  for_minutes: number;
  channels: RuleChannel[];
  enabled?: boolean;
}
