// /admin/orders: every client's orders with search, status, client and pages, in the list kit.
import Link from "next/link";
import type { Column } from "@/components/list/data-table";
import { FilterField } from "@/components/list/filter-field";
import { ListFilters } from "@/components/list/list-filters";
import { PagedList } from "@/components/list/paged-list";
import { Badge } from "@/components/ui/badge";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { AdminOrdersQuery } from "@/lib/admin/list-params";
import { getI18n } from "@/lib/i18n/server";
import type { Page } from "@/lib/list/page";
import type { AdminOrderRow } from "@/lib/orders/admin-orders";
import { ORDER_STATUSES, type OrderStatus } from "@/lib/orders/view";
import { queryString } from "@/lib/utils/query-string";

export const ORDER_TONE: Record<OrderStatus, "blue" | "green" | "red" | "gray"> = { in_progress: "blue", finished: "green", error: "red", cancelled: "gray" };

function href(q: AdminOrdersQuery, page: number) {
  const values = { q: q.q, status: q.status, user: q.user, per_page: q.per_page, page };
  return `/admin/orders${queryString(values, { per_page: 50, page: 1 })}`;
}

export async function AdminOrdersList({ query, result }: { query: AdminOrdersQuery; result: Page<AdminOrderRow> }) {
  const { t, format } = await getI18n();
  const columns: Column<AdminOrderRow>[] = [
    {
      key: "number",
      header: t("adminOrders.number"),
      priority: 1,
      cell: (o) => (
        <Link href={`/admin/orders/${o.id}`} className="font-medium text-slate-900 hover:text-sky-700 hover:underline" data-testid="order-link">
          {t("adminOrders.order", { id: o.id })}
        </Link>
      ),
    },
    {
      key: "status",
      header: t("adminOrders.status"),
      priority: 1,
      cell: (o) => <Badge tone={ORDER_TONE[o.status]} data-testid="order-status">{t(`orders.status.${o.status}`)}</Badge>,
    },
    {
      key: "user",
      header: t("adminOrders.user"),
      className: "md:max-w-[14rem] md:truncate [overflow-wrap:anywhere]",
      cell: (o) => (
        <Link href={`/admin/orders?user=${o.owner.id}`} className="hover:text-sky-700 hover:underline" title={o.owner.email}>{o.owner.email}</Link>
      ),
    },
    { key: "plan", header: t("adminOrders.plan"), cell: (o) => o.plan.name },
    { key: "os", header: t("adminOrders.os"), priority: 3, cell: (o) => o.os },
    {
      key: "vps",
      header: t("adminOrders.vps"),
      cell: (o) => (o.vps ? <Link href={`/vps/${o.vps.id}`} className="hover:text-sky-700 hover:underline">{o.vps.name}</Link> : "—"),
    },
    { key: "source", header: t("adminOrders.source"), priority: 3, cell: (o) => o.source },
    {
      key: "created",
      header: t("adminOrders.created"),
      priority: 3,
      className: "whitespace-nowrap text-slate-500",
      cell: (o) => format.dateTime(new Date(o.created_at), "dateTime"),
    },
  ];
  return (
    <PagedList
      shell={{ id: "orders-heading", title: t("adminOrders.title"), summary: t("adminOrders.total", { n: result.total }) }}
      result={result}
      href={(page) => href(query, page)}
      empty={t("adminOrders.empty")}
      table={{ columns, rowKey: (o) => o.id, rowProps: (o) => ({ "data-testid": "order-row", "data-order-id": o.id, "data-status": o.status }) }}
      filters={
        <ListFilters
          action="/admin/orders"
          defaults={{}}
          filtered={Boolean(query.q || query.status || query.user)}
          className="grid grid-cols-2 gap-3 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_11rem_auto] lg:items-end"
          actionsClassName="col-span-2 lg:col-span-1"
        >
          <FilterField id="orders-q" label={t("list.search")} wide>
            <Input id="orders-q" name="q" type="search" defaultValue={query.q} placeholder={t("adminOrders.searchPlaceholder")} maxLength={100} autoComplete="off" />
          </FilterField>
          <FilterField id="orders-user" label={t("adminOrders.user")} wide>
            <Input id="orders-user" name="user" type="search" defaultValue={query.user ?? ""} placeholder={t("adminOrders.userPlaceholder")} maxLength={254} autoComplete="off" />
          </FilterField>
          <FilterField id="orders-status" label={t("adminOrders.statusFilter")}>
            <Select id="orders-status" name="status" defaultValue={query.status ?? ""}>
              <option value="">{t("adminOrders.allStatuses")}</option>
              {ORDER_STATUSES.map((s) => (
                <option key={s} value={s}>{t(`orders.status.${s}`)}</option>
              ))}
            </Select>
          </FilterField>
        </ListFilters>
      }
    />
  );
}
