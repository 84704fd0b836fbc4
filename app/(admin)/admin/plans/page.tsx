import { PlanAdmin } from "@/components/plans/plan-admin";
import { listPlans } from "@/lib/plans/list-plans";
import { openAdminPage } from "@/lib/admin/page";
import { QueryProvider } from "@/components/query-provider";

export const dynamic = "force-dynamic";

export default async function AdminPlansPage() {
  const { actor, db } = await openAdminPage();
  const plans = await listPlans(db, { includeInactive: true, actor });
  return <QueryProvider><PlanAdmin initial={plans} /></QueryProvider>;
}
