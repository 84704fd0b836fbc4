"use client";
import { useTranslations } from "use-intl";
import { Badge } from "@/components/ui/badge";
import type { DeliveryStatus } from "@/lib/webhooks/schemas";
import type { WebhookView } from "@/lib/webhooks/view";

export function WebhookStateBadge({ webhook }: { webhook: Pick<WebhookView, "is_active" | "consecutive_failures"> }) {
  const t = useTranslations("webhooks.state");
  if (!webhook.is_active) return <Badge tone="gray" data-testid="webhook-state">{t("disabled")}</Badge>;
  if (webhook.consecutive_failures > 0)
    return <Badge tone="amber" data-testid="webhook-state">{t("failing", { n: webhook.consecutive_failures })}</Badge>;
  return (
    <Badge tone="green" data-testid="webhook-state">
      <span aria-hidden className="size-1.5 rounded-full bg-emerald-500" />
      {t("active")}
    </Badge>
  );
}

const STATUS_TONE = { pending: "blue", success: "green", failed: "red" } as const;

export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  const t = useTranslations("webhooks.status");
  return <Badge tone={STATUS_TONE[status]}>{t(status)}</Badge>;
}

export function useEventLabel() {
  const t = useTranslations("webhooks");
  return (type: string) => (type === "*" ? t("allEvents") : t.has(`event.${type}` as never) ? t(`event.${type}` as never) : type);
}

export function EventTypes({ types }: { types: string[] }) {
  const label = useEventLabel();
  return (
    <ul className="flex flex-wrap gap-1">
      {types.map((type) => (
        <li key={type}>
          <span title={type} className="inline-block rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] text-slate-700">
            {type === "*" ? label(type) : type}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Delivered / failed / queued counts as coloured dots, with a spoken label. */
export function DeliveryCounts({ webhook }: { webhook: Pick<WebhookView, "success_count" | "failure_count" | "pending_count"> }) {
  const t = useTranslations("webhooks");
  const label = t("countsLabel", { success: webhook.success_count, failed: webhook.failure_count, pending: webhook.pending_count });
  const parts = [
    [webhook.success_count, "bg-emerald-500"],
    [webhook.failure_count, "bg-red-500"],
    [webhook.pending_count, "bg-sky-500"],
  ] as const;
  return (
    <span role="img" aria-label={label} title={label} className="inline-flex items-center gap-3 tabular-nums">
      {parts.map(([n, color], i) => (
        <span key={i} className="inline-flex items-center gap-1">
          <span aria-hidden className={`size-2 rounded-full ${color}`} />
          {n}
        </span>
      ))}
    </span>
  );
}
