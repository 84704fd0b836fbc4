// Alert rules' request schemas (PRODUCT.md §11, ALERTS-CONTRACT.md). The values they
// allow and the wire shape are lib/alerts/types.ts (zod-free, what the browser imports).
import { z } from "zod";
import { ALERT_CHANNELS, ALERT_METRICS, ALERT_OPS, FOR_MINUTES_MAX, type AlertMetric } from "./types";

export * from "./types";

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
