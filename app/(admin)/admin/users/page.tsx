import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { FilterForm } from "@/components/ui/filter-form";
import { Input, Label } from "@/components/ui/input";
import { Pager } from "@/components/ui/pager";
import { Select } from "@/components/ui/select";
import { adminUsersQuerySchema, parseLenient, type AdminUsersQuery } from "@/lib/admin/list-params";
import { listUsers } from "@/lib/admin/list-users";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getI18n } from "@/lib/i18n/server";
import { actorOf } from "@/lib/users/actor";
import { queryString } from "@/lib/utils/query-string";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function href(q: AdminUsersQuery, page: number) {
  return `/admin/users${queryString({ q: q.q, role: q.role, per_page: q.per_page, page }, { per_page: 50, page: 1 })}`;
}

export default async function AdminUsersPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = actorOf(await requireAdmin());
  const { t, format } = await getI18n();
  const query = parseLenient(adminUsersQuerySchema, await searchParams);
  const result = await listUsers(await getDb(), actor, query);
  const role = (r: "client" | "admin") => t(`adminUsers.roles.${r}`);

  return (
    <section aria-labelledby="users-heading" className="space-y-4">
      <div>
        <h1 id="users-heading" className="text-2xl font-semibold text-slate-900">{t("adminUsers.title")}</h1>
        <p className="text-sm text-slate-500" data-testid="list-total">{t("adminUsers.total", { n: result.total })}</p>
      </div>
      <FilterForm action="/admin/users" label={t("list.search")} className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_12rem_auto] sm:items-end">
        <div>
          <Label htmlFor="users-q">{t("list.search")}</Label>
          <Input id="users-q" name="q" type="search" defaultValue={query.q} placeholder={t("adminUsers.searchPlaceholder")} maxLength={100} autoComplete="off" />
        </div>
        <div>
          <Label htmlFor="users-role">{t("adminUsers.role")}</Label>
          <Select id="users-role" name="role" defaultValue={query.role ?? ""}>
            <option value="">{t("adminUsers.allRoles")}</option>
            <option value="client">{role("client")}</option>
            <option value="admin">{role("admin")}</option>
          </Select>
        </div>
        <div className="flex gap-2">
          <button type="submit" className={buttonVariants({ variant: "secondary" })}>{t("list.apply")}</button>
          {(query.q || query.role) && <Link href="/admin/users" className={buttonVariants({ variant: "ghost" })}>{t("list.reset")}</Link>}
        </div>
      </FilterForm>

      {/* One table for every width (phones drop the secondary columns). */}
      {result.items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center text-sm text-slate-500" data-testid="list-empty">{t("adminUsers.empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm [&_td]:px-4 [&_td]:py-3 [&_th]:px-4 [&_th]:py-3">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col">{t("adminUsers.email")}</th>
                <th scope="col" className="hidden md:table-cell">{t("adminUsers.name")}</th>
                <th scope="col" className="hidden md:table-cell">{t("adminUsers.username")}</th>
                <th scope="col">{t("adminUsers.role")}</th>
                <th scope="col" className="text-right">{t("adminUsers.vpsCount")}</th>
                <th scope="col" className="hidden lg:table-cell">{t("adminUsers.created")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 text-slate-700">
              {result.items.map((u) => (
                <tr key={u.id} data-testid="user-row" data-user-id={u.id} className="hover:bg-slate-50">
                  <td className="max-w-[11rem] sm:max-w-none">
                    <div className="truncate font-medium text-slate-900">{u.email}</div>
                    <div className="truncate text-xs text-slate-500 md:hidden">{[u.name, u.username].filter(Boolean).join(" · ") || "—"}</div>
                  </td>
                  <td className="hidden md:table-cell">{u.name ?? "—"}</td>
                  <td className="hidden font-mono text-xs md:table-cell">{u.username ?? "—"}</td>
                  <td><Badge tone={u.role === "admin" ? "blue" : "gray"}>{role(u.role)}</Badge></td>
                  <td className="text-right tabular-nums">
                    <Link href={`/admin/vps?owner=${u.id}`} className="text-sky-700 hover:underline" aria-label={t("adminUsers.showVps", { email: u.email })} data-testid="user-vps-count">{u.vps_count}</Link>
                  </td>
                  <td className="hidden whitespace-nowrap text-slate-500 lg:table-cell">{format.dateTime(new Date(u.created_at), { dateStyle: "medium" })}</td>
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
