"use client";
// Webhook list with the delivery figures of /api/webhooks/stats.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "use-intl";
import { buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { WebhookList as WebhookListData } from "@/lib/webhooks/list-webhooks";
import type { WebhookStats } from "@/lib/webhooks/view";
import { DeliveryCounts, EventTypes, WebhookStateBadge } from "./badges";
import { webhookStatsQueryOptions, webhooksQueryOptions } from "./queries";

export function WebhookList({ initial, initialStats }: { initial: WebhookListData; initialStats: WebhookStats }) {
  const t = useTranslations("webhooks");
  const format = useFormatter();
  const { data } = useQuery(webhooksQueryOptions(initial));
  const { data: stats } = useQuery(webhookStatsQueryOptions(initialStats));
  const hooks = data?.items ?? [];
  const s = stats ?? initialStats;
  const figures = [
    { label: t("stats.webhooks"), value: s.total_webhooks, hint: t("stats.active", { n: s.active_webhooks }) },
    { label: t("stats.deliveries"), value: s.total_deliveries, hint: `${t("stats.pending")}: ${s.pending_deliveries}` },
    { label: t("stats.successRate"), value: `${format.number(s.success_rate, { maximumFractionDigits: 1 })} %`, hint: `${t("stats.success")}: ${s.successful_deliveries} · ${t("stats.failed")}: ${s.failed_deliveries}` },
    { label: t("stats.attempts24h"), value: s.attempts_last_24h, hint: t("stats.failed24h", { n: s.failed_attempts_last_24h }) },
  ];
  const lastSent = (iso: string | null) => (iso ? format.relativeTime(new Date(iso), new Date()) : t("never"));

  return (
    <section aria-labelledby="webhooks-heading" className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 id="webhooks-heading" className="text-2xl font-semibold text-slate-900">{t("title")}</h1>
          <p className="text-sm text-slate-500">{t("subtitle")}</p>
        </div>
        <Link href="/admin/webhooks/new" className={buttonVariants()} data-testid="new-webhook">
          <span aria-hidden>+</span> {t("new")}
        </Link>
      </div>

      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="webhook-stats">
        {figures.map((f) => (
          <Card key={f.label} className="p-4">
            <dt className="text-sm text-slate-500">{f.label}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{f.value}</dd>
            <dd className="text-xs text-slate-500">{f.hint}</dd>
          </Card>
        ))}
      </dl>

      {hooks.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-14 text-center" data-testid="webhooks-empty">
          <svg aria-hidden viewBox="0 0 24 24" className="mx-auto mb-3 size-10 text-slate-300" fill="none" stroke="currentColor" strokeWidth="1.5"><path d="M10 14a4 4 0 0 1 0-5.66l2.12-2.12a4 4 0 0 1 5.66 5.66l-1.06 1.06M14 10a4 4 0 0 1 0 5.66l-2.12 2.12a4 4 0 0 1-5.66-5.66l1.06-1.06" strokeLinecap="round" /></svg>
          <h2 className="text-base font-medium text-slate-900">{t("emptyTitle")}</h2>
          <p className="mx-auto mt-1 max-w-md text-sm text-slate-500">{t("emptyText")}</p>
        </div>
      ) : (
        <>
          <div className="hidden overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm md:block">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-3">{t("col.name")}</th>
                  <th scope="col" className="px-4 py-3">{t("col.events")}</th>
                  <th scope="col" className="px-4 py-3">{t("col.status")}</th>
                  <th scope="col" className="px-4 py-3 text-right">{t("col.deliveries")}</th>
                  <th scope="col" className="px-4 py-3">{t("col.lastTriggered")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {hooks.map((w) => (
                  <tr key={w.id} data-testid="webhook-row" className="hover:bg-slate-50">
                    <td className="max-w-xs px-4 py-3">
                      <Link href={`/admin/webhooks/${w.id}`} className="font-medium text-sky-700 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-500">
                        {w.name}
                      </Link>
                      <p className="truncate font-mono text-xs text-slate-500" title={w.url}>{w.url}</p>
                    </td>
                    <td className="max-w-[16rem] px-4 py-3"><EventTypes types={w.event_types} /></td>
                    <td className="px-4 py-3"><WebhookStateBadge webhook={w} /></td>
                    <td className="px-4 py-3 text-right text-slate-700"><DeliveryCounts webhook={w} /></td>
                    <td className="px-4 py-3 text-slate-500">{lastSent(w.last_triggered_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ul className="space-y-3 md:hidden">
            {hooks.map((w) => (
              <li key={w.id} data-testid="webhook-card">
                <Link href={`/admin/webhooks/${w.id}`} className="block rounded-lg border border-slate-200 bg-white p-4 shadow-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-500">
                  <div className="flex items-start justify-between gap-2">
                    <span className="font-medium text-slate-900">{w.name}</span>
                    <WebhookStateBadge webhook={w} />
                  </div>
                  <p className="mt-1 truncate font-mono text-xs text-slate-500">{w.url}</p>
                  <div className="mt-2"><EventTypes types={w.event_types} /></div>
                  <p className="mt-2 flex justify-between text-xs text-slate-500">
                    <DeliveryCounts webhook={w} />
                    <span>{lastSent(w.last_triggered_at)}</span>
                  </p>
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="text-xs text-slate-500">{t("docsHint")}</p>
    </section>
  );
}
