import { AdminAuditList } from "@/components/admin/audit-list";
import { parseLenient } from "@/lib/admin/list-params";
import { listAuditPage } from "@/lib/audit/list-audit";
import { auditPageQuerySchema } from "@/lib/audit/schemas";
import { openAdminPage, type SearchParams } from "@/lib/admin/page";

export const dynamic = "force-dynamic";

export default async function AdminAuditPage({ searchParams }: { searchParams: SearchParams }) {
  const { actor, db } = await openAdminPage();
  const query = parseLenient(auditPageQuerySchema, await searchParams);
  const { page, per_page, ...filters } = query;
  const result = await listAuditPage(db, actor, filters, { page, perPage: per_page });
  return <AdminAuditList query={query} result={result} />;
}
