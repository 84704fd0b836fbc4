// GET /api/plans — active plans for anyone signed in or with a token (admins: every plan with ?all=1)
// POST /api/plans — admin creates a plan
import { forbidden } from "@/lib/errors";
import { reply, route } from "@/lib/http/handler";
import { listPlans } from "@/lib/plans/list-plans";
import { createPlan } from "@/lib/plans/save-plan";
import { createPlanSchema, listPlansQuery } from "@/lib/plans/schemas";

export const GET = route.user(
  { method: "GET", path: "/api/plans", tokenScope: ["vps:read", "orders:write"], query: listPlansQuery },
  async ({ db, actor, query }) => {
    const all = query.all === "1" || query.all === "true";
    if (all && actor.role !== "admin") throw forbidden("Only administrators may list inactive plans");
    return { plans: await listPlans(db, { includeInactive: all, actor }) };
  },
);

export const POST = route.admin({ method: "POST", path: "/api/plans", body: createPlanSchema }, async ({ db, body, audit }) =>
  reply(201, { plan: await createPlan(db, body, audit) }),
);
