import { VpsList } from "@/components/vps/vps-list";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { actorOf } from "@/lib/users/actor";
import { OWN_VPS_PER_PAGE, queryOwnVps } from "@/lib/vps/list-vps";
import { parseVpsFilter, parseVpsPage } from "@/lib/vps/vps-filter-params";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const params = await searchParams;
  const filter = parseVpsFilter(params);
  const { items, total, ownTotal, page, pages } = await queryOwnVps(await getDb(), actorOf(user), filter, { page: parseVpsPage(params), perPage: OWN_VPS_PER_PAGE });
  return <VpsList userId={user.id} data={{ items, total, ownTotal, page, pages }} filter={filter} />;
}
