import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { FilterForm } from "@/components/ui/filter-form";
import { Input, Label } from "@/components/ui/input";
import { Pager } from "@/components/ui/pager";
import { Select } from "@/components/ui/select";
import { StatusBadge } from "@/components/vps/status-badge";
import { adminVpsQuerySchema, parseLenient, type AdminVpsQuery } from "@/lib/admin/list-params";
import { listAllVps } from "@/lib/admin/list-all-vps";
import { getDb } from "@/lib/db";
import { formatDisk, formatRam } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import { VPS_STATUSES } from "@/lib/vps/view";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function href(q: AdminVpsQuery, page: number) {
  const p = new URLSearchParams();
  if (q.q) p.set("q", q.q);
  if (q.status) p.set("status", q.status);
  if (q.owner) p.set("owner", q.owner);
  if (q.sort !== "created") p.set("sort", q.sort);
  if (q.dir) p.set("dir", q.dir);
  if (q.per_page !== 50) p.set("per_page", String(q.per_page));
  if (page > 1) p.set("page", String(page));
  const s = p.toString();
  return `/admin/vps${s ? `?${s}` : ""}`;
}

export default async function AdminVpsPage({ searchParams }: { searchParams: SearchParams }) {
  const { t, format, locale } = await getI18n();
  const query = parseLenient(adminVpsQuerySchema, await searchParams);
  const result = await listAllVps(await getDb(), query);
  const specs = (v: { cpu: number; ram: number; disk: number }) =>
    `${t("units.cores", { n: v.cpu })} · ${formatRam(locale, v.ram)} · ${formatDisk(locale, v.disk)}`;

  return (
    <section aria-labelledby="vps-heading" className="space-y-4">
      <div>
        <h1 id="vps-heading" className="text-2xl font-semibold text-slate-900">{t("adminVps.title")}</h1>
        <p className="text-sm text-slate-500" data-testid="list-total">{t("adminVps.total", { n: result.total })}</p>
      </div>
      <FilterForm action="/admin/vps" label={t("vpsList.search")} defaults={{ sort: "created" }} className="grid grid-cols-2 gap-3 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_10rem_11.5rem_auto] lg:items-end">
        <div className="col-span-2 sm:col-span-1">
          <Label htmlFor="vps-q">{t("vpsList.search")}</Label>
          <Input id="vps-q" name="q" type="search" defaultValue={query.q} placeholder={t("adminVps.searchPlaceholder")} maxLength={100} autoComplete="off" />
        </div>
        <div className="col-span-2 sm:col-span-1">
          <Label htmlFor="vps-owner">{t("adminVps.owner")}</Label>
          <Input id="vps-owner" name="owner" type="search" defaultValue={query.owner ?? ""} placeholder={t("adminVps.ownerPlaceholder")} maxLength={254} autoComplete="off" />
        </div>
        <div>
          <Label htmlFor="vps-status">{t("vpsList.statusFilter")}</Label>
          <Select id="vps-status" name="status" defaultValue={query.status ?? ""}>
            <option value="">{t("vpsList.allStatuses")}</option>
            {VPS_STATUSES.map((s) => (
              <option key={s} value={s}>{t(`status.${s}`)}</option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor="vps-sort">{t("vpsList.sort")}</Label>
          <Select id="vps-sort" name="sort" defaultValue={query.sort}>
            <option value="created">{t("vpsList.sortCreated")}</option>
            <option value="name">{t("vpsList.sortName")}</option>
            <option value="status">{t("vpsList.sortStatus")}</option>
          </Select>
        </div>
        <div className="col-span-2 flex gap-2 lg:col-span-1">
          <button type="submit" className={buttonVariants({ variant: "secondary" })}>{t("vpsList.apply")}</button>
          {(query.q || query.status || query.owner) && <Link href="/admin/vps" className={buttonVariants({ variant: "ghost" })}>{t("vpsList.reset")}</Link>}
        </div>
      </FilterForm>

      {result.items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center text-sm text-slate-500" data-testid="list-empty">{t("adminVps.empty")}</p>
      ) : (
        <>
          <div className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm md:block">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-3">{t("dashboard.name")}</th>
                  <th scope="col" className="px-4 py-3">{t("adminVps.owner")}</th>
                  <th scope="col" className="px-4 py-3">{t("dashboard.status")}</th>
                  <th scope="col" className="px-4 py-3">{t("adminVps.specs")}</th>
                  <th scope="col" className="px-4 py-3">{t("dashboard.os")}</th>
                  <th scope="col" className="px-4 py-3">{t("dashboard.ip")}</th>
                  <th scope="col" className="px-4 py-3">{t("dashboard.created")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {result.items.map((v) => (
                  <tr key={v.id} data-testid="vps-row" data-vps-id={v.id} className="hover:bg-slate-50">
                    <td className="px-4 py-3 font-medium">
                      <Link href={`/vps/${v.id}`} className="text-slate-900 hover:text-sky-700 hover:underline">{v.name}</Link>
                    </td>
                    <td className="max-w-[14rem] truncate px-4 py-3">
                      <Link href={`/admin/vps?owner=${v.owner.id}`} className="text-slate-700 hover:text-sky-700 hover:underline" title={v.owner.email}>{v.owner.email}</Link>
                    </td>
                    <td className="px-4 py-3"><StatusBadge status={v.status} /></td>
                    <td className="whitespace-nowrap px-4 py-3 text-slate-700">{specs(v)}</td>
                    <td className="px-4 py-3 text-slate-700">{v.os}</td>
                    <td className="px-4 py-3 font-mono text-xs text-slate-700">{v.ip_address ?? "—"}</td>
                    <td className="whitespace-nowrap px-4 py-3 text-slate-500">{format.dateTime(new Date(v.created_at), { dateStyle: "medium" })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ul className="space-y-3 md:hidden">
            {result.items.map((v) => (
              <li key={v.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="vps-card">
                <div className="flex items-center justify-between gap-2">
                  <Link href={`/vps/${v.id}`} className="truncate font-medium text-slate-900 hover:text-sky-700">{v.name}</Link>
                  <StatusBadge status={v.status} />
                </div>
                <p className="mt-1 truncate text-sm text-slate-600">{v.owner.email}</p>
                <p className="mt-1 text-sm text-slate-500">{specs(v)}</p>
                <p className="mt-1 text-sm text-slate-500">{v.os}{v.ip_address ? ` · ${v.ip_address}` : ""}</p>
              </li>
            ))}
          </ul>
        </>
      )}
      <Pager
        page={result.page}
        pages={result.pages}
        href={(p) => href(query, p)}
        labels={{ nav: t("pager.label"), prev: t("pager.prev"), next: t("pager.next"), status: t("pager.page", { page: result.page, pages: result.pages }) }}
      />
    </section>
  );
}
