"use client";
// A webhook's deliveries, filterable by status and paged; each opens to show the request
// (URL, headers, body) and every attempt with the receiver's answer, and can be redelivered.
import { useState } from "react";
import { useFormatter, useTranslations } from "use-intl";
import { EmptyState } from "@/components/list/empty-state";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { DELIVERY_STATUSES, type DeliveryStatus } from "@/lib/webhooks/schemas";
import type { DeliveryView, WebhookView } from "@/lib/webhooks/view";
import { cn } from "@/lib/utils/cn";
import { DeliveryStatusBadge, useEventLabel } from "./badges";
import { PAGE_SIZE, useDeliveries, useDelivery, useRedeliver } from "./queries";

function pretty(body: string) {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function DeliveryDetail({ webhook, deliveryId }: { webhook: WebhookView; deliveryId: string }) {
  const t = useTranslations("webhooks.deliveries");
  const format = useFormatter();
  const { data: d } = useDelivery(webhook.id, deliveryId);
  if (!d) return <p className="px-4 py-3 text-sm text-slate-500">{t("loading")}</p>;
  const headers: [string, string][] = [
    ["Content-Type", "application/json"],
    ["X-Webhook-Event", d.event_type],
    ["X-Webhook-Id", String(webhook.id)],
    ["X-Webhook-Delivery", d.id],
    ["webhook-id", d.id],
    ["webhook-timestamp", "…"],
    ...(webhook.has_secret ? ([["X-Webhook-Signature", "sha256=…"], ["webhook-signature", "v1,…"]] as [string, string][]) : []),
  ];
  return (
    <div className="grid gap-4 border-t border-slate-100 bg-slate-50/60 px-4 py-4 lg:grid-cols-2" data-testid="delivery-detail">
      <section aria-label={t("request")} className="min-w-0 space-y-2">
        <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t("request")}</h4>
        <p className="break-all font-mono text-xs text-slate-800"><span className="font-semibold">POST</span> {webhook.url}</p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 font-mono text-xs">
          {headers.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-500">{k}:</dt>
              <dd className="break-all text-slate-800">{v}</dd>
            </div>
          ))}
        </dl>
        <p className="text-[11px] text-slate-500">{t("signatureNote")}</p>
        <h5 className="pt-1 text-xs font-semibold text-slate-600">{t("body")}</h5>
        <pre className="max-h-72 overflow-auto rounded-md bg-slate-900 p-3 text-xs leading-relaxed text-slate-100">{pretty(d.body)}</pre>
      </section>
      <section aria-label={t("attemptsTitle")} className="min-w-0 space-y-2">
        <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t("attemptsTitle")}</h4>
        {!d.attempts?.length ? (
          <p className="text-sm text-slate-500">{t("noAttempts")}</p>
        ) : (
          <ol className="space-y-2">
            {d.attempts.map((a) => {
              const ok = a.response_status !== null && a.response_status >= 200 && a.response_status < 300;
              return (
                <li key={a.id} className="rounded-md border border-slate-200 bg-white p-3 text-xs" data-testid="attempt">
                  <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                    <span className={cn("rounded px-1.5 py-0.5 font-mono font-semibold", ok ? "bg-emerald-50 text-emerald-700" : "bg-red-50 text-red-700")}>
                      {a.response_status ?? t("noResponse")}
                    </span>
                    <span className="text-slate-600">{format.dateTime(new Date(a.started_at), "precise")}</span>
                    <span className="tabular-nums text-slate-500">{t("duration", { ms: a.duration_ms })}</span>
                  </div>
                  {a.error && <p className="mt-1 break-words text-red-700"><span className="font-medium">{t("error")}:</span> {a.error}</p>}
                  {a.response_body ? (
                    <details className="mt-1">
                      <summary className="cursor-pointer text-slate-600">{t("responseBody")}</summary>
                      <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-100 p-2 text-slate-800">{a.response_body}</pre>
                    </details>
                  ) : null}
                </li>
              );
            })}
          </ol>
        )}
      </section>
    </div>
  );
}

export function DeliveryLog({ webhook }: { webhook: WebhookView }) {
  const t = useTranslations("webhooks.deliveries");
  const ts = useTranslations("webhooks.status");
  const format = useFormatter();
  const label = useEventLabel();
  const [status, setStatus] = useState<DeliveryStatus | "all">("all");
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  const [queued, setQueued] = useState<string | null>(null);
  const { data, isLoading } = useDeliveries(webhook.id, status, offset);
  const redeliver = useRedeliver(webhook.id);
  const items: DeliveryView[] = data?.items ?? [];
  const total = data?.total ?? 0;
  const filters = ["all", ...DELIVERY_STATUSES] as const;

  return (
    <Card>
      <CardHeader className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="font-medium text-slate-900">{t("title")}</h2>
        <div role="group" aria-label={t("status")} className="flex max-w-full overflow-x-auto rounded-md border border-slate-200 bg-slate-50 p-0.5 text-sm">
          {filters.map((f) => (
            <button
              key={f}
              type="button"
              aria-pressed={status === f}
              onClick={() => { setStatus(f); setOffset(0); setOpen(null); }}
              className={cn("whitespace-nowrap rounded px-3 py-1 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-500", status === f ? "bg-white font-medium text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900")}
            >
              {f === "all" ? t("all") : ts(f)}
            </button>
          ))}
        </div>
      </CardHeader>
      {isLoading && !data ? (
        <p className="px-5 py-10 text-center text-sm text-slate-500">{t("loading")}</p>
      ) : items.length === 0 ? (
        <EmptyState testId="deliveries-empty" className="px-6 py-10" text={status === "all" ? t("empty") : t("emptyFiltered")} />
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="delivery-list">
          {items.map((d) => {
            const expanded = open === d.id;
            return (
              <li key={d.id} data-testid="delivery-row" data-status={d.status}>
                <div className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 text-sm">
                  <button
                    type="button"
                    aria-expanded={expanded}
                    aria-label={t("details", { id: d.id })}
                    onClick={() => setOpen(expanded ? null : d.id)}
                    className="flex min-w-0 flex-1 items-center gap-3 rounded text-left focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-500"
                  >
                    <svg aria-hidden viewBox="0 0 20 20" className={cn("size-4 shrink-0 text-slate-400 transition-transform", expanded && "rotate-90")} fill="currentColor"><path d="M7 5l6 5-6 5z" /></svg>
                    <span className="min-w-0">
                      <span className="block truncate font-medium text-slate-900">{label(d.event_type)}</span>
                      <span className="block font-mono text-xs text-slate-500">#{d.id} · {d.event_type}</span>
                    </span>
                  </button>
                  <DeliveryStatusBadge status={d.status} />
                  <span className="w-24 text-xs tabular-nums text-slate-500">
                    {d.response_status ? `HTTP ${d.response_status}` : d.error_message ? t("noResponse") : "—"} · {d.attempt_number}×
                  </span>
                  <span className="w-36 text-xs text-slate-500">
                    {d.status === "pending" && d.next_retry_at && d.attempt_number > 0
                      ? t("nextRetry", { at: format.relativeTime(new Date(d.next_retry_at), new Date()) })
                      : format.dateTime(new Date(d.created_at), "precise")}
                  </span>
                  <Button
                    type="button"
                    size="sm"
                    variant="secondary"
                    disabled={redeliver.isPending && redeliver.variables === d.id}
                    onClick={async () => {
                      await redeliver.mutateAsync(d.id).catch(() => {});
                      setQueued(d.id);
                      setTimeout(() => setQueued((q) => (q === d.id ? null : q)), 3000);
                    }}
                    data-testid="redeliver"
                  >
                    {redeliver.isPending && redeliver.variables === d.id ? t("redelivering") : queued === d.id ? t("redelivered") : t("redeliver")}
                  </Button>
                </div>
                {expanded && <DeliveryDetail webhook={webhook} deliveryId={d.id} />}
              </li>
            );
          })}
        </ul>
      )}
      {total > PAGE_SIZE && (
        <div className="flex items-center justify-between gap-3 border-t border-slate-100 px-4 py-3 text-sm">
          <span className="text-slate-500">{t("range", { from: offset + 1, to: Math.min(offset + PAGE_SIZE, total), total })}</span>
          <div className="flex gap-2">
            <Button type="button" size="sm" variant="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>{t("prev")}</Button>
            <Button type="button" size="sm" variant="secondary" disabled={offset + PAGE_SIZE >= total} onClick={() => setOffset(offset + PAGE_SIZE)}>{t("next")}</Button>
          </div>
        </div>
      )}
    </Card>
  );
}
