// GET /api/plans/:id — one plan (inactive ones only for admins)
// PATCH /api/plans/:id — admin edits a plan (any subset of its fields, e.g. is_active)
import { route } from "@/lib/http/handler";
import { idParams } from "@/lib/http/params";
import { getPlan } from "@/lib/plans/list-plans";
import { updatePlan } from "@/lib/plans/save-plan";
import { updatePlanSchema } from "@/lib/plans/schemas";

export const GET = route.user(
  { method: "GET", path: "/api/plans/:id", tokenScope: ["vps:read", "orders:write"], params: idParams("Plan") },
  async ({ db, actor, params }) => ({ plan: await getPlan(db, params.id, { includeInactive: actor.role === "admin", actor }) }),
);

export const PATCH = route.admin(
  { method: "PATCH", path: "/api/plans/:id", body: updatePlanSchema, params: idParams("Plan") },
  async ({ db, body, params, audit }) => ({ plan: await updatePlan(db, params.id, body, audit) }),
);
