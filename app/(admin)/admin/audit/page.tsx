import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { AdminAuditList } from "@/components/admin/audit-list";
import { parseLenient } from "@/lib/admin/list-params";
import { isForeignOrigin } from "@/lib/audit/access";
import { listAuditPage } from "@/lib/audit/list-audit";
import { auditPageQuerySchema } from "@/lib/audit/schemas";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { actorOf } from "@/lib/users/actor";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AdminAuditPage({ searchParams }: { searchParams: SearchParams }) {
  // The page authorises itself: the admin layout alone can be skipped by a forged router tree.
  const actor = actorOf(await requireAdmin());
  if (isForeignOrigin((await headers()).get("origin"))) notFound();
  const query = parseLenient(auditPageQuerySchema, await searchParams);
  const { page, per_page, ...filters } = query;
  const result = await listAuditPage(await getDb(), actor, filters, { page, perPage: per_page });
  return <AdminAuditList query={query} result={result} />;
}
