import { PlanAdmin } from "@/components/plans/plan-admin";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listPlans } from "@/lib/plans/list-plans";
import { actorOf } from "@/lib/users/actor";

export const dynamic = "force-dynamic";

export default async function AdminPlansPage() {
  const actor = actorOf(await requireAdmin());
  const plans = await listPlans(await getDb(), { includeInactive: true, actor });
  return <PlanAdmin initial={plans} />;
}
