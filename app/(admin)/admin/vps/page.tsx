import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { FilterForm } from "@/components/ui/filter-form";
import { Input, Label } from "@/components/ui/input";
import { Pager } from "@/components/ui/pager";
import { Select } from "@/components/ui/select";
import { StatusBadge } from "@/components/vps/status-badge";
import { adminVpsQuerySchema, parseLenient, type AdminVpsQuery } from "@/lib/admin/list-params";
import { listAllVps } from "@/lib/admin/list-all-vps";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { formatDisk, formatRam } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import { actorOf } from "@/lib/users/actor";
import { queryString } from "@/lib/utils/query-string";
import { VPS_STATUSES } from "@/lib/vps/view";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function href(q: AdminVpsQuery, page: number) {
  const values = { q: q.q, status: q.status, owner: q.owner, sort: q.sort, dir: q.dir, per_page: q.per_page, page };
  return `/admin/vps${queryString(values, { sort: "created", per_page: 50, page: 1 })}`;
}

export default async function AdminVpsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = actorOf(await requireAdmin());
  const { t, format, locale } = await getI18n();
  const query = parseLenient(adminVpsQuerySchema, await searchParams);
  const result = await listAllVps(await getDb(), actor, query);
  const specs = (v: { cpu: number; ram: number; disk: number }) =>
    `${t("units.cores", { n: v.cpu })} · ${formatRam(locale, v.ram)} · ${formatDisk(locale, v.disk)}`;

  return (
    <section aria-labelledby="vps-heading" className="space-y-4">
      <div>
        <h1 id="vps-heading" className="text-2xl font-semibold text-slate-900">{t("adminVps.title")}</h1>
        <p className="text-sm text-slate-500" data-testid="list-total">{t("adminVps.total", { n: result.total })}</p>
      </div>
      <FilterForm action="/admin/vps" label={t("list.search")} defaults={{ sort: "created" }} className="grid grid-cols-2 gap-3 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_10rem_11.5rem_auto] lg:items-end">
        <div className="col-span-2 sm:col-span-1">
          <Label htmlFor="vps-q">{t("list.search")}</Label>
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
          <Label htmlFor="vps-sort">{t("list.sort")}</Label>
          <Select id="vps-sort" name="sort" defaultValue={query.sort}>
            <option value="created">{t("vpsList.sortCreated")}</option>
            <option value="name">{t("vpsList.sortName")}</option>
            <option value="status">{t("vpsList.sortStatus")}</option>
          </Select>
        </div>
        <div className="col-span-2 flex gap-2 lg:col-span-1">
          <button type="submit" className={buttonVariants({ variant: "secondary" })}>{t("list.apply")}</button>
          {(query.q || query.status || query.owner) && <Link href="/admin/vps" className={buttonVariants({ variant: "ghost" })}>{t("list.reset")}</Link>}
        </div>
      </FilterForm>

      {/* One table for every width (phones drop the secondary columns): each row is rendered
          once, which keeps a 50-row page light. */}
      {result.items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center text-sm text-slate-500" data-testid="list-empty">{t("adminVps.empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm [&_td]:px-4 [&_td]:py-3 [&_th]:px-4 [&_th]:py-3">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col">{t("dashboard.name")}</th>
                <th scope="col" className="hidden md:table-cell">{t("adminVps.owner")}</th>
                <th scope="col">{t("dashboard.status")}</th>
                <th scope="col" className="hidden lg:table-cell">{t("adminVps.specs")}</th>
                <th scope="col" className="hidden lg:table-cell">{t("dashboard.os")}</th>
                <th scope="col" className="hidden md:table-cell">{t("dashboard.ip")}</th>
                <th scope="col" className="hidden lg:table-cell">{t("dashboard.created")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 text-slate-700">
              {result.items.map((v) => (
                <tr key={v.id} data-testid="vps-row" data-vps-id={v.id} className="hover:bg-slate-50">
                  <td className="max-w-[12rem] font-medium sm:max-w-none">
                    <Link href={`/vps/${v.id}`} className="text-slate-900 hover:text-sky-700 hover:underline">{v.name}</Link>
                    <div className="truncate text-xs font-normal text-slate-500 md:hidden">{v.owner.email}</div>
                    <div className="text-xs font-normal text-slate-500 lg:hidden">{specs(v)}</div>
                  </td>
                  <td className="hidden max-w-[14rem] truncate md:table-cell">
                    <Link href={`/admin/vps?owner=${v.owner.id}`} className="hover:text-sky-700 hover:underline" title={v.owner.email}>{v.owner.email}</Link>
                  </td>
                  <td><StatusBadge status={v.status} /></td>
                  <td className="hidden whitespace-nowrap lg:table-cell">{specs(v)}</td>
                  <td className="hidden lg:table-cell">{v.os}</td>
                  <td className="hidden font-mono text-xs md:table-cell">{v.ip_address ?? "—"}</td>
                  <td className="hidden whitespace-nowrap text-slate-500 lg:table-cell">{format.dateTime(new Date(v.created_at), { dateStyle: "medium" })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        page={result.page}
        pages={result.pages}
        href={(p) => href(query, p)}
        labels={{ nav: t("list.pager.label"), prev: t("list.pager.prev"), next: t("list.pager.next"), status: t("list.pager.page", { page: result.page, pages: result.pages }) }}
      />
    </section>
  );
}
