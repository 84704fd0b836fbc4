// GET /api/plans/:id — one plan (inactive ones only for admins)
// PATCH /api/plans/:id — admin edits a plan (any subset of its fields, e.g. is_active)
import { getDb } from "@/lib/db";
import { route } from "@/lib/http/handler";
import { idParam } from "@/lib/http/id-param";
import { getPlan } from "@/lib/plans/list-plans";
import { updatePlan } from "@/lib/plans/save-plan";
import { updatePlanSchema } from "@/lib/plans/view";

export const GET = route({ auth: "user", tokenScope: ["vps:read", "orders:write"] }, async ({ actor, params }) => {
  return { plan: await getPlan(await getDb(), idParam(params.id, "Plan"), { includeInactive: actor!.role === "admin", actor }) };
});

export const PATCH = route({ auth: "admin", body: updatePlanSchema }, async ({ body, params, audit }) => {
  return { plan: await updatePlan(await getDb(), idParam(params.id, "Plan"), body, audit) };
});
