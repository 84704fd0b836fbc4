import { AdminOrdersList } from "@/components/admin/orders-list";
import { adminOrdersQuerySchema, parseLenient } from "@/lib/admin/list-params";
import { listAdminOrders } from "@/lib/orders/admin-orders";
import { openAdminPage, type SearchParams } from "@/lib/admin/page";

export const dynamic = "force-dynamic";

export default async function AdminOrdersPage({ searchParams }: { searchParams: SearchParams }) {
  const { actor, db } = await openAdminPage();
  const query = parseLenient(adminOrdersQuerySchema, await searchParams);
  return <AdminOrdersList query={query} result={await listAdminOrders(db, actor, query)} />;
}
