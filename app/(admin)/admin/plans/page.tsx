import { PlanAdmin } from "@/components/plans/plan-admin";
import { getDb } from "@/lib/db";
import { listPlans } from "@/lib/plans/list-plans";

export const dynamic = "force-dynamic";

export default async function AdminPlansPage() {
  const plans = await listPlans(await getDb(), { includeInactive: true });
  return <PlanAdmin initial={plans} />;
}
