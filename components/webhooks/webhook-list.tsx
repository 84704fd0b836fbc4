"use client";
// Webhook list with the delivery figures of /api/webhooks/stats.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "use-intl";
import { buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DataTable, type Column } from "@/components/list/data-table";
import { EmptyState } from "@/components/list/empty-state";
import type { WebhookList as WebhookListData } from "@/lib/webhooks/list-webhooks";
import type { WebhookStats, WebhookView } from "@/lib/webhooks/view";
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
  const columns: Column<WebhookView>[] = [
    {
      key: "name",
      header: t("col.name"),
      priority: 1,
      className: "md:max-w-xs",
      cell: (w) => (
        <>
          <Link href={`/admin/webhooks/${w.id}`} className="font-medium text-sky-700 after:absolute after:inset-0 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 md:after:content-none">
            {w.name}
          </Link>
          <p className="truncate font-mono text-xs font-normal text-slate-500" title={w.url}>{w.url}</p>
        </>
      ),
    },
    { key: "events", header: t("col.events"), wide: true, className: "md:max-w-[16rem]", cell: (w) => <EventTypes types={w.event_types} /> },
    { key: "status", header: t("col.status"), priority: 1, cell: (w) => <WebhookStateBadge webhook={w} /> },
    { key: "deliveries", header: t("col.deliveries"), align: "right", cell: (w) => <DeliveryCounts webhook={w} /> },
    { key: "last", header: t("col.lastTriggered"), className: "text-slate-500", cell: (w) => lastSent(w.last_triggered_at) },
  ];

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
        <EmptyState
          testId="webhooks-empty"
          icon={<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5"><path d="M10 14a4 4 0 0 1 0-5.66l2.12-2.12a4 4 0 0 1 5.66 5.66l-1.06 1.06M14 10a4 4 0 0 1 0 5.66l-2.12 2.12a4 4 0 0 1-5.66-5.66l1.06-1.06" strokeLinecap="round" /></svg>}
          title={t("emptyTitle")}
          text={t("emptyText")}
        />
      ) : (
        <DataTable rows={hooks} columns={columns} rowKey={(w) => w.id} rowProps={() => ({ "data-testid": "webhook-row" })} />
      )}
      <p className="text-xs text-slate-500">{t("docsHint")}</p>
    </section>
  );
}
