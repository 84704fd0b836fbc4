// Reads the plan catalogue: active plans for buyers, every plan for admins (inactive plans
// only for an admin actor).
import type { Db } from "../db";
import { assertAdmin } from "../users/access";
import type { Actor } from "../users/actor";
import { notFound } from "../errors";
import { toPlanView, type PlanView } from "./view";

interface PlanReadOptions {
  /** Inactive plans too: the actor must be an administrator. */
  includeInactive?: boolean;
  actor?: Actor | null;
}

export async function listPlans(db: Db, opts: PlanReadOptions = {}): Promise<PlanView[]> {
  if (opts.includeInactive) assertAdmin(opts.actor);
  const rows = await db.plan.findMany({
    where: opts.includeInactive ? {} : { isActive: true },
    orderBy: [{ isActive: "desc" }, { cpu: "asc" }, { ramMb: "asc" }, { id: "asc" }],
  });
  return rows.map(toPlanView);
}

export async function getPlan(db: Db, id: number, opts: PlanReadOptions = {}): Promise<PlanView> {
  if (opts.includeInactive) assertAdmin(opts.actor);
  const row = await db.plan.findFirst({ where: { id, ...(opts.includeInactive ? {} : { isActive: true }) } });
  if (!row) throw notFound(`Plan ${id} not found`);
  return toPlanView(row);
}
