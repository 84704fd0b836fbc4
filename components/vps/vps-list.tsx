"use client";
import Link from "next/link";
import { useFormatter, useLocale, useTranslations } from "use-intl";
import { buttonVariants } from "@/components/ui/button";
import { formatDisk, formatRam } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import type { VpsView } from "@/lib/vps/view";
import { DEFAULT_DIR, isFilterActive, vpsFilterQuery, type VpsFilter, type VpsSort } from "@/lib/vps/vps-filter";
import { useLiveConnection } from "@/components/realtime/use-live-events";
import { StatusBadge } from "./status-badge";
import { useOwnVps } from "./queries";
import { VpsFilterBar } from "./vps-filter-bar";

function SortHeader({ filter, sort, children }: { filter: VpsFilter; sort: VpsSort; children: string }) {
  const t = useTranslations("list");
  const active = filter.sort === sort;
  const dir = active ? (filter.dir === "asc" ? "desc" : "asc") : DEFAULT_DIR[sort];
  return (
    <th scope="col" className="px-4 py-3" aria-sort={active ? (filter.dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link href={`/dashboard${vpsFilterQuery({ ...filter, sort, dir })}`} className="inline-flex items-center gap-1 hover:text-slate-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-500" title={t("sortBy", { column: children })} scroll={false}>
        {children}
        <span aria-hidden className={active ? "text-sky-600" : "text-slate-300"}>{active && filter.dir === "desc" ? "↓" : "↑"}</span>
      </Link>
    </th>
  );
}

export function VpsList({ userId, initial, total, filter }: { userId: number; initial: VpsView[]; total: number; filter: VpsFilter }) {
  const t = useTranslations("dashboard");
  const tl = useTranslations("vpsList");
  const tk = useTranslations("list");
  const tu = useTranslations("units");
  const format = useFormatter();
  const locale = useLocale() as Locale;
  const { data: vps = [] } = useOwnVps(userId, filter, initial);
  const connected = useLiveConnection();
  const filtered = isFilterActive(filter);

  return (
    <section aria-labelledby="vps-heading">
      <div className="mb-4 flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 id="vps-heading" className="text-2xl font-semibold text-slate-900">{t("title")}</h1>
          <p className="text-sm text-slate-500" data-testid="vps-count">
            {filtered ? tk("shown", { shown: vps.length, total }) : t("count", { n: vps.length })}
          </p>
        </div>
        <p role="status" aria-live="polite" className="flex items-center gap-2 text-xs text-slate-500" data-testid="live-indicator" data-connected={connected}>
          <span aria-hidden className={`size-2 rounded-full ${connected ? "bg-emerald-500" : "bg-amber-400 animate-pulse"}`} />
          {connected ? t("live") : t("offline")}
        </p>
      </div>

      {total > 0 && <VpsFilterBar filter={filter} />}

      {vps.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-16 text-center" data-testid={total === 0 ? "vps-empty" : "vps-no-match"}>
          <svg aria-hidden viewBox="0 0 24 24" className="mx-auto mb-3 size-10 text-slate-300" fill="none" stroke="currentColor" strokeWidth="1.5"><rect x="3" y="4" width="18" height="7" rx="1.5" /><rect x="3" y="13" width="18" height="7" rx="1.5" /><path d="M7 7.5h.01M7 16.5h.01" strokeLinecap="round" strokeWidth="2.5" /></svg>
          <h2 className="text-base font-medium text-slate-900">{total === 0 ? t("emptyTitle") : tk("noMatchTitle")}</h2>
          <p className="mt-1 text-sm text-slate-500">{total === 0 ? t("emptyText") : tl("noMatchText")}</p>
          {total > 0 && filtered && (
            <Link href="/dashboard" className={`${buttonVariants({ variant: "secondary", size: "sm" })} mt-4`}>{tk("reset")}</Link>
          )}
        </div>
      ) : (
        <>
          {/* Wide screens: a table (scrolls sideways rather than squeezing or clipping columns) */}
          <div className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm lg:block">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                <tr>
                  <SortHeader filter={filter} sort="name">{t("name")}</SortHeader>
                  <SortHeader filter={filter} sort="status">{t("status")}</SortHeader>
                  <th scope="col" className="px-4 py-3">{t("cpu")}</th>
                  <th scope="col" className="px-4 py-3">{t("ram")}</th>
                  <th scope="col" className="px-4 py-3">{t("disk")}</th>
                  <th scope="col" className="px-4 py-3">{t("os")}</th>
                  <th scope="col" className="px-4 py-3">{t("ip")}</th>
                  <SortHeader filter={filter} sort="created">{t("created")}</SortHeader>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 whitespace-nowrap">
                {vps.map((v) => (
                  <tr key={v.id} data-testid="vps-row" data-vps-id={v.id} className="relative hover:bg-slate-50">
                    <td className="max-w-64 truncate px-4 py-3 font-medium text-slate-900" title={v.name}>
                      {/* The link covers the whole row (after: pseudo-element), so any cell opens it. */}
                      <Link href={`/vps/${v.id}`} className="after:absolute after:inset-0 hover:text-sky-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-500" aria-label={tl("open", { name: v.name })}>
                        {v.name}
                      </Link>
                    </td>
                    <td className="px-4 py-3"><StatusBadge status={v.status} /></td>
                    <td className="px-4 py-3 text-slate-700">{tu("cores", { n: v.cpu })}</td>
                    <td className="px-4 py-3 text-slate-700">{formatRam(locale, v.ram)}</td>
                    <td className="px-4 py-3 text-slate-700">{formatDisk(locale, v.disk)}</td>
                    <td className="px-4 py-3 text-slate-700">{v.os}</td>
                    <td className="px-4 py-3 font-mono text-xs text-slate-700">{v.ip_address ?? "—"}</td>
                    <td className="px-4 py-3 text-slate-500">{format.dateTime(new Date(v.created_at), { dateStyle: "medium" })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {/* Phones and tablets: cards */}
          <ul className="grid gap-3 sm:grid-cols-2 lg:hidden">
            {vps.map((v) => (
              <li key={v.id} data-testid="vps-card" data-vps-id={v.id}>
                <Link href={`/vps/${v.id}`} className="block h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-sky-300 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-500">
                  <div className="flex items-start justify-between gap-2">
                    <span className="min-w-0 font-medium text-slate-900 [overflow-wrap:anywhere]">{v.name}</span>
                    <StatusBadge status={v.status} />
                  </div>
                  <p className="mt-2 text-sm text-slate-600">
                    {tu("cores", { n: v.cpu })} · {formatRam(locale, v.ram)} · {formatDisk(locale, v.disk)}
                  </p>
                  <p className="mt-1 text-sm text-slate-500">{v.os}{v.ip_address ? ` · ${v.ip_address}` : ""}</p>
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
