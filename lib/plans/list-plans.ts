// Reads the plan catalogue: active plans for buyers, every plan for admins.
import type { Db } from "../db";
import { notFound } from "../errors";
import { toPlanView, type PlanView } from "./view";

export async function listPlans(db: Db, opts: { includeInactive?: boolean } = {}): Promise<PlanView[]> {
  const rows = await db.plan.findMany({
    where: opts.includeInactive ? {} : { isActive: true },
    orderBy: [{ isActive: "desc" }, { cpu: "asc" }, { ramMb: "asc" }, { id: "asc" }],
  });
  return rows.map(toPlanView);
}

export async function getPlan(db: Db, id: number, opts: { includeInactive?: boolean } = {}): Promise<PlanView> {
  const row = await db.plan.findFirst({ where: { id, ...(opts.includeInactive ? {} : { isActive: true }) } });
  if (!row) throw notFound(`Plan ${id} not found`);
  return toPlanView(row);
}
