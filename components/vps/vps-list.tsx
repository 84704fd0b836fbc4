"use client";
import { useFormatter, useLocale, useTranslations } from "use-intl";
import { formatDisk, formatRam } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import type { VpsView } from "@/lib/vps/view";
import { useLiveConnection } from "@/components/realtime/use-live-events";
import { StatusBadge } from "./status-badge";
import { useOwnVps } from "./queries";

export function VpsList({ userId, initial }: { userId: number; initial: VpsView[] }) {
  const t = useTranslations("dashboard");
  const tu = useTranslations("units");
  const format = useFormatter();
  const locale = useLocale() as Locale;
  const { data: vps = [] } = useOwnVps(userId, initial);
  const connected = useLiveConnection();

  return (
    <section aria-labelledby="vps-heading">
      <div className="mb-4 flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 id="vps-heading" className="text-2xl font-semibold text-slate-900">{t("title")}</h1>
          <p className="text-sm text-slate-500">{t("count", { n: vps.length })}</p>
        </div>
        <p role="status" aria-live="polite" className="flex items-center gap-2 text-xs text-slate-500" data-testid="live-indicator" data-connected={connected}>
          <span aria-hidden className={`size-2 rounded-full ${connected ? "bg-emerald-500" : "bg-amber-400 animate-pulse"}`} />
          {connected ? t("live") : t("offline")}
        </p>
      </div>

      {vps.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-16 text-center" data-testid="vps-empty">
          <svg aria-hidden viewBox="0 0 24 24" className="mx-auto mb-3 size-10 text-slate-300" fill="none" stroke="currentColor" strokeWidth="1.5"><rect x="3" y="4" width="18" height="7" rx="1.5" /><rect x="3" y="13" width="18" height="7" rx="1.5" /><path d="M7 7.5h.01M7 16.5h.01" strokeLinecap="round" strokeWidth="2.5" /></svg>
          <h2 className="text-base font-medium text-slate-900">{t("emptyTitle")}</h2>
          <p className="mt-1 text-sm text-slate-500">{t("emptyText")}</p>
        </div>
      ) : (
        <>
          {/* Wide screens: a table (scrolls sideways rather than squeezing or clipping columns) */}
          <div className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm lg:block">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-3">{t("name")}</th>
                  <th scope="col" className="px-4 py-3">{t("status")}</th>
                  <th scope="col" className="px-4 py-3">{t("cpu")}</th>
                  <th scope="col" className="px-4 py-3">{t("ram")}</th>
                  <th scope="col" className="px-4 py-3">{t("disk")}</th>
                  <th scope="col" className="px-4 py-3">{t("os")}</th>
                  <th scope="col" className="px-4 py-3">{t("ip")}</th>
                  <th scope="col" className="px-4 py-3">{t("created")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 whitespace-nowrap">
                {vps.map((v) => (
                  <tr key={v.id} data-testid="vps-row" data-vps-id={v.id} className="hover:bg-slate-50">
                    <td className="max-w-64 truncate px-4 py-3 font-medium text-slate-900" title={v.name}>{v.name}</td>
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
              <li key={v.id} data-testid="vps-card" data-vps-id={v.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <div className="flex items-start justify-between gap-2">
                  <span className="min-w-0 font-medium text-slate-900 [overflow-wrap:anywhere]">{v.name}</span>
                  <StatusBadge status={v.status} />
                </div>
                <p className="mt-2 text-sm text-slate-600">
                  {tu("cores", { n: v.cpu })} · {formatRam(locale, v.ram)} · {formatDisk(locale, v.disk)}
                </p>
                <p className="mt-1 text-sm text-slate-500">{v.os}{v.ip_address ? ` · ${v.ip_address}` : ""}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
