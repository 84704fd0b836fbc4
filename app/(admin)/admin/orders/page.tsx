import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { AdminOrdersList } from "@/components/admin/orders-list";
import { adminOrdersQuerySchema, parseLenient } from "@/lib/admin/list-params";
import { isForeignOrigin } from "@/lib/audit/access";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listAdminOrders } from "@/lib/orders/admin-orders";
import { actorOf } from "@/lib/users/actor";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AdminOrdersPage({ searchParams }: { searchParams: SearchParams }) {
  // The page authorises itself: the admin layout alone can be skipped by a forged router tree.
  const actor = actorOf(await requireAdmin());
  if (isForeignOrigin((await headers()).get("origin"))) notFound();
  const query = parseLenient(adminOrdersQuerySchema, await searchParams);
  return <AdminOrdersList query={query} result={await listAdminOrders(await getDb(), actor, query)} />;
}
