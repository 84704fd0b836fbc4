import { OrderForm } from "@/components/orders/order-form";
import { OrderList } from "@/components/orders/order-list";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getI18n } from "@/lib/i18n/server";
import { listOrders } from "@/lib/orders/list-orders";
import { listPlans } from "@/lib/plans/list-plans";
import { QueryProvider } from "@/components/query-provider";

export const dynamic = "force-dynamic";

export default async function OrdersPage() {
  const user = await requireUser();
  const { t } = await getI18n();
  const db = await getDb();
  const [plans, orders] = await Promise.all([listPlans(db), listOrders(db, { userId: user.id, role: user.role })]);
  return (
    <QueryProvider>
    <div className="space-y-8">
      <section aria-labelledby="order-heading">
        <h1 id="order-heading" className="text-2xl font-semibold text-slate-900">{t("orders.title")}</h1>
        <p className="mb-4 text-sm text-slate-500">{t("orders.subtitle")}</p>
        <OrderForm plans={plans} />
      </section>
      <section aria-labelledby="my-orders-heading">
        <h2 id="my-orders-heading" className="mb-3 text-lg font-semibold text-slate-900">{t("orders.mine")}</h2>
        <OrderList userId={user.id} initial={orders} />
      </section>
    </div>
    </QueryProvider>
  );
}
