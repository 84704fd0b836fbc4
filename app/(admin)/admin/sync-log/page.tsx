import { AdminSyncLogList } from "@/components/admin/sync-log-list";
import { parseLenient } from "@/lib/admin/list-params";
import { listInboundEndpoints, listInboundLogPage } from "@/lib/inbound-log/list-inbound-log";
import { inboundPageQuerySchema } from "@/lib/inbound-log/schemas";
import { openAdminPage, type SearchParams } from "@/lib/admin/page";

export const dynamic = "force-dynamic";

export default async function AdminSyncLogPage({ searchParams }: { searchParams: SearchParams }) {
  const { actor, db } = await openAdminPage();
  const query = parseLenient(inboundPageQuerySchema, await searchParams);
  const { page, per_page, ...filters } = query;
  const [result, endpoints] = await Promise.all([listInboundLogPage(db, actor, filters, { page, perPage: per_page }), listInboundEndpoints(db, actor)]);
  return <AdminSyncLogList query={query} result={result} endpoints={endpoints} />;
}
