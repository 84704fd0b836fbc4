import { VpsList } from "@/components/vps/vps-list";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { actorOf } from "@/lib/users/actor";
import { queryOwnVps } from "@/lib/vps/list-vps";
import { parseVpsFilter, parseVpsPage } from "@/lib/vps/vps-filter";

export const dynamic = "force-dynamic";

/** Rows per page of the dashboard: the page stays the same size however many VPS a client has. */
const PER_PAGE = 50;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const params = await searchParams;
  const filter = parseVpsFilter(params);
  const { items, total, ownTotal, page, pages } = await queryOwnVps(await getDb(), actorOf(user), filter, { page: parseVpsPage(params), perPage: PER_PAGE });
  return <VpsList userId={user.id} data={{ items, total, ownTotal, page, pages }} filter={filter} />;
}
