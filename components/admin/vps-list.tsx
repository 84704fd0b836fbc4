// /admin/vps: every VPS with search, owner, status, sort and pages, in the list kit.
import Link from "next/link";
import type { Column } from "@/components/list/data-table";
import { ListFilters } from "@/components/list/list-filters";
import { FilterField } from "@/components/list/filter-field";
import { PagedList } from "@/components/list/paged-list";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { StatusBadge } from "@/components/vps/status-badge";
import type { AdminVpsQuery } from "@/lib/admin/list-params";
import { formatDisk, formatRam } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import type { Page } from "@/lib/list/page";
import { queryString } from "@/lib/utils/query-string";
import type { AdminVpsRow } from "@/lib/vps/list-vps";
import { VPS_STATUSES } from "@/lib/vps/view";

function href(q: AdminVpsQuery, page: number) {
  const values = { q: q.q, status: q.status, owner: q.owner, sort: q.sort, dir: q.dir, per_page: q.per_page, page };
  return `/admin/vps${queryString(values, { sort: "created", per_page: 50, page: 1 })}`;
}

export async function AdminVpsList({ query, result }: { query: AdminVpsQuery; result: Page<AdminVpsRow> }) {
  const { t, format, locale } = await getI18n();
  const columns: Column<AdminVpsRow>[] = [
    {
      key: "name",
      header: t("dashboard.name"),
      priority: 1,
      className: "[overflow-wrap:anywhere]",
      cell: (v) => <Link href={`/vps/${v.id}`} className="text-slate-900 hover:text-sky-700 hover:underline">{v.name}</Link>,
    },
    {
      key: "owner",
      header: t("adminVps.owner"),
      className: "md:max-w-[14rem] md:truncate [overflow-wrap:anywhere]",
      cell: (v) => <Link href={`/admin/vps?owner=${v.owner.id}`} className="hover:text-sky-700 hover:underline" title={v.owner.email}>{v.owner.email}</Link>,
    },
    { key: "status", header: t("dashboard.status"), priority: 1, cell: (v) => <StatusBadge status={v.status} /> },
    {
      key: "specs",
      header: t("adminVps.specs"),
      wide: true,
      className: "md:whitespace-nowrap",
      cell: (v) => `${t("units.cores", { n: v.cpu })} · ${formatRam(locale, v.ram)} · ${formatDisk(locale, v.disk)}`,
    },
    { key: "os", header: t("dashboard.os"), priority: 3, cell: (v) => v.os },
    { key: "ip", header: t("dashboard.ip"), className: "font-mono md:text-xs", cell: (v) => v.ip_address ?? "—" },
    { key: "created", header: t("dashboard.created"), priority: 3, className: "whitespace-nowrap text-slate-500", cell: (v) => format.dateTime(new Date(v.created_at), "date") },
  ];
  return (
    <PagedList
      shell={{ id: "vps-heading", title: t("adminVps.title"), summary: t("adminVps.total", { n: result.total }) }}
      result={result} href={(page) => href(query, page)} empty={t("adminVps.empty")}
      table={{ columns, rowKey: (v) => v.id, rowProps: (v) => ({ "data-testid": "vps-row", "data-vps-id": v.id }) }}
      filters={
        <ListFilters
          action="/admin/vps"
          defaults={{ sort: "created" }}
          filtered={Boolean(query.q || query.status || query.owner)}
          className="grid grid-cols-2 gap-3 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_10rem_11.5rem_auto] lg:items-end"
          actionsClassName="col-span-2 lg:col-span-1"
        >
          <FilterField id="vps-q" label={t("list.search")} wide>
            <Input id="vps-q" name="q" type="search" defaultValue={query.q} placeholder={t("adminVps.searchPlaceholder")} maxLength={100} autoComplete="off" />
          </FilterField>
          <FilterField id="vps-owner" label={t("adminVps.owner")} wide>
            <Input id="vps-owner" name="owner" type="search" defaultValue={query.owner ?? ""} placeholder={t("adminVps.ownerPlaceholder")} maxLength={254} autoComplete="off" />
          </FilterField>
          <FilterField id="vps-status" label={t("vpsList.statusFilter")}>
            <Select id="vps-status" name="status" defaultValue={query.status ?? ""}>
              <option value="">{t("vpsList.allStatuses")}</option>
              {VPS_STATUSES.map((s) => (
                <option key={s} value={s}>{t(`status.${s}`)}</option>
              ))}
            </Select>
          </FilterField>
          <FilterField id="vps-sort" label={t("list.sort")}>
            <Select id="vps-sort" name="sort" defaultValue={query.sort}>
              <option value="created">{t("vpsList.sortCreated")}</option>
              <option value="name">{t("vpsList.sortName")}</option>
              <option value="status">{t("vpsList.sortStatus")}</option>
            </Select>
          </FilterField>
        </ListFilters>
      }
    />
  );
}
