import { VpsList } from "@/components/vps/vps-list";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { searchOwnVps } from "@/lib/vps/search-own-vps";
import { parseVpsFilter } from "@/lib/vps/vps-filter-params";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const filter = parseVpsFilter(await searchParams);
  const { vps, total } = await searchOwnVps(await getDb(), { userId: user.id, role: user.role }, filter);
  return <VpsList userId={user.id} initial={vps} total={total} filter={filter} />;
}
