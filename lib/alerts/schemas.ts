// Alert rules' request schemas and wire shape (PRODUCT.md §11, ALERTS-CONTRACT.md).
// Browser-safe: the rules UI checks the same limits before it asks.
import { z } from "zod";

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

const vpsId = z.number({ error: "vps_id must be a VPS id or null" }).int("vps_id must be a VPS id or null").positive("vps_id must be a VPS id or null").max(2_147_483_647).nullable();
const metric = z.enum(ALERT_METRICS, { error: `metric must be one of ${ALERT_METRICS.join(", ")}` });
const op = z.enum(ALERT_OPS, { error: 'op must be ">" or "<"' });
const threshold = z
  .number({ error: "threshold must be a number" })
  .finite("threshold must be a finite number")
  .min(-1e15, "threshold is out of range")
  .max(1e15, "threshold is out of range");
const forMinutes = z
  .number({ error: "for_minutes must be a whole number of minutes" })
  .int("for_minutes must be a whole number of minutes")
  .min(1, "for_minutes must be 1 to 1440")
  .max(FOR_MINUTES_MAX, "for_minutes must be 1 to 1440");
const channels = z
  .array(z.enum(ALERT_CHANNELS, { error: `channels may hold ${ALERT_CHANNELS.join(", ")}` }), { error: "channels must be a list" })
  .min(1, "choose at least one channel")
  .max(ALERT_CHANNELS.length)
  .transform((list) => ALERT_CHANNELS.filter((c) => list.includes(c)));
const enabled = z.boolean({ error: "enabled must be true or false" });

/** cpu_percent is 0–100: a rule outside it could never fire (or never resolve). */
function cpuInRange(v: { metric?: AlertMetric; threshold?: number }, ctx: z.RefinementCtx) {
  if (v.metric === "cpu_percent" && v.threshold !== undefined && (v.threshold < 0 || v.threshold > 100))
    ctx.addIssue({ code: "custom", path: ["threshold"], message: "threshold of cpu_percent must be 0 to 100" });
}

export const createAlertRuleBody = z
  .object({
    vps_id: vpsId,
    metric,
    op,
    threshold,
    for_minutes: forMinutes,
    channels,
    enabled: enabled.optional(),
    /** Admins only: whose rule it is (default: the VPS's owner, or the admin). */
    user_id: z.number().int().positive().max(2_147_483_647).optional(),
  })
  .strict()
  .superRefine(cpuInRange);
export type CreateAlertRuleBody = z.infer<typeof createAlertRuleBody>;

export const updateAlertRuleBody = z
  .object({ vps_id: vpsId, metric, op, threshold, for_minutes: forMinutes, channels, enabled })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, "nothing to change: send at least one field")
  .superRefine(cpuInRange);
export type UpdateAlertRuleBody = z.infer<typeof updateAlertRuleBody>;

export const listAlertRulesQuery = z
  .object({
    user_id: z
      .string()
      .regex(/^\d{1,10}$/, "user_id must be a user id")
      .transform(Number)
      .optional(),
  })
  .strict();

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
