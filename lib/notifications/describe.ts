// What a notification says, from its kind and params (the rows keep facts, never text, so
// the centre and the email speak the reader's language): the message key and the values,
// numbers and units already localised. The centre (components/notifications) and the
// email templates (lib/mail/render-notification.ts) both use it. Browser-safe, pure.
import type { Locale } from "../i18n/config";
import { formatMetricValue, formatTraffic } from "../metrics/format";
import { isAlertMetric } from "./metric-units";
import type { NotificationView } from "./types";

export const NOTIFICATION_TEXT_KEYS = ["alertFired", "alertResolved", "traffic80", "traffic100", "unknown"] as const;
export type NotificationTextKey = (typeof NOTIFICATION_TEXT_KEYS)[number];

const KEY_OF_KIND: Record<string, NotificationTextKey> = {
  "alert.fired": "alertFired",
  "alert.resolved": "alertResolved",
  "traffic.80": "traffic80",
  "traffic.100": "traffic100",
};

export interface NotificationText {
  key: NotificationTextKey;
  values: Record<string, string | number>;
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : null);
const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v : null);

/**
 * `metricName` turns a metric id into its localised name (the caller's translator);
 * `monthName` a "YYYY-MM" into "декабрь 2026 г.". Missing params read as "—", never throw:
 * a row written by an older or newer panel still shows.
 */
export function describeNotification(
  n: Pick<NotificationView, "kind" | "vps_id" | "params">,
  locale: Locale,
  metricName: (metric: string) => string,
  monthName: (month: string) => string,
): NotificationText {
  const p = n.params ?? {};
  const vps = str(p.vps_name) ?? (n.vps_id !== null ? `VPS #${n.vps_id}` : "VPS");
  const key = KEY_OF_KIND[n.kind] ?? "unknown";
  const values: Record<string, string | number> = { vps };
  if (key === "alertFired" || key === "alertResolved") {
    const metric = str(p.metric) ?? "";
    const show = (v: unknown) => {
      const x = num(v);
      if (x === null) return "—";
      return isAlertMetric(metric) ? formatMetricValue(locale, metric, x) : String(x);
    };
    values.metric = isAlertMetric(metric) ? metricName(metric) : metric || "—";
    values.op = p.op === "<" ? "lt" : "gt";
    values.threshold = show(p.threshold);
    values.value = show(p.value);
    values.minutes = num(p.for_minutes) ?? 0;
  } else if (key === "traffic80" || key === "traffic100") {
    const used = num(p.used_bytes);
    const quota = num(p.quota_bytes);
    const month = str(p.month);
    values.used = used === null ? "—" : formatTraffic(locale, used);
    values.quota = quota === null ? "—" : formatTraffic(locale, quota);
    values.month = month && /^\d{4}-\d{2}$/.test(month) ? monthName(month) : (month ?? "—");
  } else {
    values.kind = n.kind;
  }
  return { key, values };
}

/** Where a notification leads: its VPS page (the overview with the graphs and alerts). */
export const notificationHref = (n: Pick<NotificationView, "vps_id">) => (n.vps_id !== null ? `/vps/${n.vps_id}` : "/notifications");
