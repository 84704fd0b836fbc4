import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { AdminSyncLogList } from "@/components/admin/sync-log-list";
import { parseLenient } from "@/lib/admin/list-params";
import { isForeignOrigin } from "@/lib/audit/access";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listInboundEndpoints, listInboundLogPage } from "@/lib/inbound-log/list-inbound-log";
import { inboundPageQuerySchema } from "@/lib/inbound-log/schemas";
import { actorOf } from "@/lib/users/actor";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AdminSyncLogPage({ searchParams }: { searchParams: SearchParams }) {
  // The page authorises itself: the admin layout alone can be skipped by a forged router tree.
  const actor = actorOf(await requireAdmin());
  if (isForeignOrigin((await headers()).get("origin"))) notFound();
  const query = parseLenient(inboundPageQuerySchema, await searchParams);
  const { page, per_page, ...filters } = query;
  const db = await getDb();
  const [result, endpoints] = await Promise.all([listInboundLogPage(db, actor, filters, { page, perPage: per_page }), listInboundEndpoints(db, actor)]);
  return <AdminSyncLogList query={query} result={result} endpoints={endpoints} />;
}
