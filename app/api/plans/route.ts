// GET /api/plans — active plans for anyone signed in or with a token (admins: every plan with ?all=1)
// POST /api/plans — admin creates a plan
import { z } from "zod";
import { getDb } from "@/lib/db";
import { forbidden } from "@/lib/errors";
import { route } from "@/lib/http/handler";
import { listPlans } from "@/lib/plans/list-plans";
import { createPlan } from "@/lib/plans/save-plan";
import { createPlanSchema } from "@/lib/plans/view";

export const GET = route(
  { auth: "user", tokenScope: ["vps:read", "orders:write"], query: z.object({ all: z.enum(["0", "1", "true", "false"]).optional() }) },
  async ({ actor, query }) => {
    const all = query.all === "1" || query.all === "true";
    if (all && actor!.role !== "admin") throw forbidden("Only administrators may list inactive plans");
    return { plans: await listPlans(await getDb(), { includeInactive: all, actor }) };
  },
);

export const POST = route({ auth: "admin", body: createPlanSchema }, async ({ body, audit }) => {
  const plan = await createPlan(await getDb(), body, audit);
  return Response.json({ plan }, { status: 201 });
});
