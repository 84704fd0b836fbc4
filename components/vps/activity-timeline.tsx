"use client";
import { useFormatter, useLocale, useTranslations } from "use-intl";
import type { Locale } from "@/lib/i18n/config";
import { formatMetricValue } from "@/lib/metrics/format";
import type { ActivityEntry } from "@/lib/vps/activity";
import { cn } from "@/lib/utils/cn";

const DOT: Record<string, string> = {
  "vps.created": "bg-sky-500",
  "vps.status_changed": "bg-emerald-500",
  "vps.updated": "bg-slate-400",
  "vps.action_requested": "bg-amber-400",
  "vps.action_resolved": "bg-emerald-600",
  "vps.deleted": "bg-red-500",
  "vps.alert": "bg-red-500",
  "vps.alert_resolved": "bg-emerald-500",
  "vps.traffic_quota": "bg-amber-500",
};

/** The actions the log's own sentences name; the others are named by the VPS page's catalogue. */
const POWER = new Set(["start", "stop", "reboot", "rename", "suspend", "resume", "resize", "terminate", "other"]);

export function ActivityTimeline({ entries }: { entries: ActivityEntry[] }) {
  const t = useTranslations("activity");
  const ts = useTranslations("status");
  const tp = useTranslations("vpsPage");
  const format = useFormatter();
  const locale = useLocale() as Locale;

  function label(e: ActivityEntry): string {
    const action = e.action ?? "other";
    const name = e.name ?? "";
    switch (e.type) {
      case "vps.created":
        return t("created");
      case "vps.deleted":
        return t("deleted");
      case "vps.status_changed":
        return t("statusChanged", { from: e.from ? ts(e.from) : "—", to: e.to ? ts(e.to) : "—" });
      case "vps.updated":
        return t("updated", {
          fields: format.list((e.fields ?? []).map((f) => (t.has(`fields.${f}` as never) ? t(`fields.${f}` as never) : f))),
        });
      case "vps.action_requested":
        return POWER.has(action) ? t("requested", { action, name }) : tp("activityRequested", { action: tp("actionName", { action }) });
      case "vps.action_resolved":
        if (POWER.has(action) || e.result === "cancelled") return t(e.result ?? "completed", { action, name });
        return tp(`activity.${e.result ?? "completed"}`, { action: tp("actionName", { action }) });
      case "vps.alert":
        return e.alert
          ? t("alert", { metric: e.alert.metric, op: e.alert.op, threshold: formatMetricValue(locale, e.alert.metric, e.alert.threshold), minutes: e.alert.forMinutes })
          : t("other", { type: e.type });
      case "vps.alert_resolved":
        return t("alertResolved", { metric: e.alert?.metric ?? "other" });
      case "vps.traffic_quota":
        return t("trafficQuota", { level: e.level ?? 100 });
      default:
        return t("other", { type: e.type });
    }
  }

  if (entries.length === 0) return <p className="py-6 text-center text-sm text-slate-500">{t("empty")}</p>;
  return (
    <ol className="relative space-y-4 border-l border-slate-200 pl-5" data-testid="activity">
      {entries.map((e) => (
        <li key={e.id} className="relative" data-testid="activity-entry" data-type={e.type}>
          <span aria-hidden className={cn("absolute -left-[1.6rem] top-1.5 size-2.5 rounded-full ring-4 ring-white", e.result === "failed" || e.result === "cancelled" || e.result === "expired" ? "bg-red-500" : (DOT[e.type] ?? "bg-slate-300"))} />
          <p className="text-sm text-slate-800">{label(e)}</p>
          <time dateTime={e.at} className="text-xs text-slate-500">
            {format.dateTime(new Date(e.at), "dateTime")}
          </time>
        </li>
      ))}
    </ol>
  );
}
