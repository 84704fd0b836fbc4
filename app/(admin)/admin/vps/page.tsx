import { AdminVpsList } from "@/components/admin/vps-list";
import { adminVpsQuerySchema, parseLenient } from "@/lib/admin/list-params";
import { listAllVps } from "@/lib/vps/list-vps";
import { openAdminPage, type SearchParams } from "@/lib/admin/page";

export const dynamic = "force-dynamic";

export default async function AdminVpsPage({ searchParams }: { searchParams: SearchParams }) {
  const { actor, db } = await openAdminPage();
  const query = parseLenient(adminVpsQuerySchema, await searchParams);
  return <AdminVpsList query={query} result={await listAllVps(db, actor, query)} />;
}
