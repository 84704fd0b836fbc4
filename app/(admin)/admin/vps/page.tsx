import { AdminVpsList } from "@/components/admin/vps-list";
import { adminVpsQuerySchema, parseLenient } from "@/lib/admin/list-params";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { actorOf } from "@/lib/users/actor";
import { listAllVps } from "@/lib/vps/list-vps";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AdminVpsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = actorOf(await requireAdmin());
  const query = parseLenient(adminVpsQuerySchema, await searchParams);
  return <AdminVpsList query={query} result={await listAllVps(await getDb(), actor, query)} />;
}
