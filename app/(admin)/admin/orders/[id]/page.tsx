import Link from "next/link";
import { ORDER_TONE } from "@/components/admin/orders-list";
import { OrderAdminActions } from "@/components/admin/order-admin-actions";
import { Badge } from "@/components/ui/badge";
import { StatusBadge } from "@/components/vps/status-badge";
import { getI18n } from "@/lib/i18n/server";
import { getAdminOrder } from "@/lib/orders/admin-orders";
import { retryBlocker } from "@/lib/orders/retry-order";
import { type IdParams, openAdminPage, orNotFound, pageId } from "@/lib/admin/page";

export const dynamic = "force-dynamic";

async function load(params: IdParams) {
  const { actor, db } = await openAdminPage();
  const id = await pageId(params, "Order");
  const detail = await orNotFound(getAdminOrder(db, actor, id));
  const linked = await db.vps.count({ where: { orderId: id } });
  return { ...detail, everLinked: linked > 0 };
}

export default async function AdminOrderPage({ params }: { params: IdParams }) {
  const { order, history, everLinked } = await load(params);
  const { t, format } = await getI18n();
  const at = (iso: string) => format.dateTime(new Date(iso), "precise");
  const status = (s: (typeof order)["status"]) => t(`orders.status.${s}`);
  const blocker = retryBlocker({ status: order.status, hasVps: everLinked });
  return (
    <div className="space-y-6" data-testid="admin-order" data-order-id={order.id} data-status={order.status}>
      <div>
        <Link href="/admin/orders" className="text-sm text-sky-700 hover:underline">{t("adminOrders.back")}</Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold text-slate-900">{t("adminOrders.order", { id: order.id })}</h1>
          <Badge tone={ORDER_TONE[order.status]} data-testid="order-status">{status(order.status)}</Badge>
        </div>
      </div>

      <section aria-labelledby="order-details" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <h2 id="order-details" className="mb-3 text-lg font-semibold text-slate-900">{t("adminOrders.details")}</h2>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-500">{t("adminOrders.owner")}</dt>
            <dd className="[overflow-wrap:anywhere]">
              <Link href={`/admin/orders?user=${order.owner.id}`} className="text-slate-900 hover:text-sky-700 hover:underline">{order.owner.email}</Link>
              {order.owner.name ? <span className="text-slate-500"> · {order.owner.name}</span> : null}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("adminOrders.plan")}</dt>
            <dd>{order.plan.name} <span className="text-slate-500">({order.plan.code})</span></dd>
          </div>
          <div><dt className="text-slate-500">{t("adminOrders.os")}</dt><dd>{order.os}</dd></div>
          <div><dt className="text-slate-500">{t("adminOrders.source")}</dt><dd>{order.source}</dd></div>
          <div><dt className="text-slate-500">{t("adminOrders.created")}</dt><dd>{at(order.created_at)}</dd></div>
          {order.finished_at && <div><dt className="text-slate-500">{t("adminOrders.finishedAt")}</dt><dd>{at(order.finished_at)}</dd></div>}
          <div>
            <dt className="text-slate-500">{t("adminOrders.vps")}</dt>
            <dd data-testid="order-vps">
              {order.vps ? (
                <span className="inline-flex flex-wrap items-center gap-2">
                  <Link href={`/vps/${order.vps.id}`} className="text-slate-900 hover:text-sky-700 hover:underline">{order.vps.name}</Link>
                  <StatusBadge status={order.vps.status} />
                  {order.vps.ip_address && <span className="font-mono text-xs">{order.vps.ip_address}</span>}
                </span>
              ) : (
                <span className="text-slate-500">{t("adminOrders.noVps")}</span>
              )}
            </dd>
          </div>
          {order.error_message && (
            <div className="sm:col-span-2">
              <dt className="text-slate-500">{t("adminOrders.reason")}</dt>
              <dd className="text-red-700 [overflow-wrap:anywhere]" data-testid="order-reason">{order.error_message}</dd>
            </div>
          )}
        </dl>
        <div className="mt-4">
          <OrderAdminActions
            orderId={order.id}
            canFail={order.status === "in_progress"}
            canRetry={blocker === null}
            retryBlockedByVps={blocker === "has_vps"}
          />
        </div>
      </section>

      <section aria-labelledby="order-history" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <h2 id="order-history" className="mb-3 text-lg font-semibold text-slate-900">{t("adminOrders.history")}</h2>
        {history.length === 0 ? (
          <p className="text-sm text-slate-500">{t("adminOrders.historyEmpty")}</p>
        ) : (
          <ol className="space-y-2 text-sm" data-testid="order-history">
            {history.map((h, i) => (
              <li key={i} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 border-l-2 border-slate-200 pl-3" data-status={h.status}>
                <time className="whitespace-nowrap text-slate-500" dateTime={h.at}>{at(h.at)}</time>
                <span className="font-medium text-slate-900">
                  {h.previous_status === null ? t("adminOrders.historyCreated") : t("adminOrders.historyChanged", { from: status(h.previous_status), to: status(h.status) })}
                </span>
                {h.error_message && <span className="text-slate-600 [overflow-wrap:anywhere]">— {h.error_message}</span>}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
