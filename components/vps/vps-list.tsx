"use client";
// The client's VPS list: one server-rendered page (search, status, sort and page in the
// URL) in the list kit's one responsive table, kept live by socket.io events — rows on
// screen change in place, anything that moves rows between pages fetches the page again
// (GET /api/vps?page=N, no navigation).
import Link from "next/link";
import { useFormatter, useLocale, useTranslations } from "use-intl";
import { DataTable, type Column } from "@/components/list/data-table";
import { EmptyState } from "@/components/list/empty-state";
import { ListPager } from "@/components/list/list-pager";
import { ListShell } from "@/components/list/list-shell";
import { buttonVariants } from "@/components/ui/button";
import { useLiveConnection } from "@/components/realtime/use-live-events";
import { formatDisk, formatRam } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import type { VpsView } from "@/lib/vps/view";
import { DEFAULT_DIR, isFilterActive, vpsPageQuery, type VpsFilter, type VpsSort } from "@/lib/vps/vps-filter";
import { StatusBadge } from "./status-badge";
import { useLiveVpsPage, type OwnVpsPageData } from "./queries";
import { VpsFilterBar } from "./vps-filter-bar";

export type VpsListPage = OwnVpsPageData;

function SortLink({ filter, sort, children }: { filter: VpsFilter; sort: VpsSort; children: string }) {
  const t = useTranslations("list");
  const active = filter.sort === sort;
  const dir = active ? (filter.dir === "asc" ? "desc" : "asc") : DEFAULT_DIR[sort];
  return (
    <Link href={`/dashboard${vpsPageQuery({ ...filter, sort, dir }, 1)}`} className="inline-flex items-center gap-1 hover:text-slate-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-500" title={t("sortBy", { column: children })} scroll={false}>
      {children}
      <span aria-hidden className={active ? "text-sky-600" : "text-slate-300"}>{active && filter.dir === "desc" ? "↓" : "↑"}</span>
    </Link>
  );
}

const SERVERS_ICON = (
  <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5"><rect x="3" y="4" width="18" height="7" rx="1.5" /><rect x="3" y="13" width="18" height="7" rx="1.5" /><path d="M7 7.5h.01M7 16.5h.01" strokeLinecap="round" strokeWidth="2.5" /></svg>
);

export function VpsList({ userId, data: initial, filter }: { userId: number; data: VpsListPage; filter: VpsFilter }) {
  const t = useTranslations("dashboard");
  const tl = useTranslations("vpsList");
  const tk = useTranslations("list");
  const tu = useTranslations("units");
  const format = useFormatter();
  const locale = useLocale() as Locale;
  const live = useLiveVpsPage(userId, filter, initial);
  const vps = live.items;
  const connected = useLiveConnection();
  const filtered = isFilterActive(filter);
  const data = live;
  const sorted = (sort: VpsSort) => (filter.sort === sort ? (filter.dir === "asc" ? "ascending" : "descending") : undefined);

  const columns: Column<VpsView>[] = [
    {
      key: "name",
      header: <SortLink filter={filter} sort="name">{t("name")}</SortLink>,
      priority: 1,
      sorted: sorted("name"),
      className: "md:max-w-64 md:truncate [overflow-wrap:anywhere]",
      // The link covers the whole row (after: pseudo-element), so any cell opens it.
      cell: (v) => (
        <Link href={`/vps/${v.id}`} title={v.name} className="after:absolute after:inset-0 hover:text-sky-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-sky-500" aria-label={tl("open", { name: v.name })}>
          {v.name}
        </Link>
      ),
    },
    { key: "status", header: <SortLink filter={filter} sort="status">{t("status")}</SortLink>, priority: 1, sorted: sorted("status"), cell: (v) => <StatusBadge status={v.status} /> },
    { key: "cpu", header: t("cpu"), cell: (v) => tu("cores", { n: v.cpu }) },
    { key: "ram", header: t("ram"), cell: (v) => formatRam(locale, v.ram) },
    { key: "disk", header: t("disk"), cell: (v) => formatDisk(locale, v.disk) },
    { key: "os", header: t("os"), cell: (v) => v.os },
    { key: "ip", header: t("ip"), className: "font-mono md:text-xs", cell: (v) => v.ip_address ?? "—" },
    {
      key: "created",
      header: <SortLink filter={filter} sort="created">{t("created")}</SortLink>,
      priority: 3,
      sorted: sorted("created"),
      className: "whitespace-nowrap",
      cell: (v) => <span className="text-slate-500">{format.dateTime(new Date(v.created_at), "date")}</span>,
    },
  ];

  return (
    <ListShell
      id="vps-heading"
      title={t("title")}
      summaryTestId="vps-count"
      summary={filtered ? tk("shown", { shown: data.total, total: data.ownTotal }) : t("count", { n: data.ownTotal })}
      aside={
        <p role="status" aria-live="polite" className="flex items-center gap-2 text-xs text-slate-500" data-testid="live-indicator" data-connected={connected}>
          <span aria-hidden className={`size-2 rounded-full ${connected ? "bg-emerald-500" : "bg-amber-400 animate-pulse"}`} />
          {connected ? t("live") : t("offline")}
        </p>
      }
      filters={data.ownTotal > 0 && <VpsFilterBar filter={filter} />}
      pager={<ListPager page={data.page} pages={data.pages} prevHref={`/dashboard${vpsPageQuery(filter, data.page - 1)}`} nextHref={`/dashboard${vpsPageQuery(filter, data.page + 1)}`} />}
    >
      {vps.length === 0 ? (
        <EmptyState
          testId={data.ownTotal === 0 ? "vps-empty" : "vps-no-match"}
          icon={SERVERS_ICON}
          title={data.ownTotal === 0 ? t("emptyTitle") : tk("noMatchTitle")}
          text={data.ownTotal === 0 ? t("emptyText") : tl("noMatchText")}
          action={data.ownTotal > 0 && filtered && <Link href="/dashboard" className={buttonVariants({ variant: "secondary", size: "sm" })}>{tk("reset")}</Link>}
        />
      ) : (
        <DataTable rows={vps} columns={columns} rowKey={(v) => v.id} rowProps={(v) => ({ "data-testid": "vps-row", "data-vps-id": v.id })} />
      )}
    </ListShell>
  );
}
