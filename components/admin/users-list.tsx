// /admin/users: every user with search, role filter and pages, in the list kit.
import Link from "next/link";
import type { Column } from "@/components/list/data-table";
import { ListFilters } from "@/components/list/list-filters";
import { FilterField } from "@/components/list/filter-field";
import { PagedList } from "@/components/list/paged-list";
import { Badge } from "@/components/ui/badge";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { AdminUsersQuery } from "@/lib/admin/list-params";
import type { AdminUserRow } from "@/lib/admin/list-users";
import { getI18n } from "@/lib/i18n/server";
import type { Page } from "@/lib/list/page";
import { queryString } from "@/lib/utils/query-string";

function href(q: AdminUsersQuery, page: number) {
  return `/admin/users${queryString({ q: q.q, role: q.role, per_page: q.per_page, page }, { per_page: 50, page: 1 })}`;
}

export async function AdminUsersList({ query, result }: { query: AdminUsersQuery; result: Page<AdminUserRow> }) {
  const { t, format } = await getI18n();
  const role = (r: "client" | "admin") => t(`adminUsers.roles.${r}`);
  const columns: Column<AdminUserRow>[] = [
    { key: "email", header: t("adminUsers.email"), priority: 1, className: "md:max-w-none [overflow-wrap:anywhere]", cell: (u) => u.email },
    { key: "role", header: t("adminUsers.role"), priority: 1, cell: (u) => <Badge tone={u.role === "admin" ? "blue" : "gray"}>{role(u.role)}</Badge> },
    { key: "name", header: t("adminUsers.name"), cell: (u) => u.name ?? "—" },
    { key: "username", header: t("adminUsers.username"), cell: (u) => <span className="font-mono md:text-xs">{u.username ?? "—"}</span> },
    {
      key: "vps",
      header: t("adminUsers.vpsCount"),
      align: "right",
      className: "tabular-nums",
      cell: (u) => (
        <Link href={`/admin/vps?owner=${u.id}`} className="text-sky-700 hover:underline" aria-label={t("adminUsers.showVps", { email: u.email })} data-testid="user-vps-count">{u.vps_count}</Link>
      ),
    },
    { key: "created", header: t("adminUsers.created"), priority: 3, className: "whitespace-nowrap text-slate-500", cell: (u) => format.dateTime(new Date(u.created_at), "date") },
  ];
  return (
    <PagedList
      shell={{ id: "users-heading", title: t("adminUsers.title"), summary: t("adminUsers.total", { n: result.total }) }}
      result={result} href={(page) => href(query, page)} empty={t("adminUsers.empty")}
      table={{ columns, rowKey: (u) => u.id, rowProps: (u) => ({ "data-testid": "user-row", "data-user-id": u.id }) }}
      filters={
        <ListFilters action="/admin/users" filtered={Boolean(query.q || query.role)} className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_12rem_auto] sm:items-end">
          <FilterField id="users-q" label={t("list.search")}>
            <Input id="users-q" name="q" type="search" defaultValue={query.q} placeholder={t("adminUsers.searchPlaceholder")} maxLength={100} autoComplete="off" />
          </FilterField>
          <FilterField id="users-role" label={t("adminUsers.role")}>
            <Select id="users-role" name="role" defaultValue={query.role ?? ""}>
              <option value="">{t("adminUsers.allRoles")}</option>
              <option value="client">{role("client")}</option>
              <option value="admin">{role("admin")}</option>
            </Select>
          </FilterField>
        </ListFilters>
      }
    />
  );
}
