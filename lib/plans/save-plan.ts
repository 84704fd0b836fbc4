// Creates and edits plans (admin). Orders keep referring to a plan, so plans are retired
// with is_active=false rather than deleted.
import type { Db } from "../db";
import { conflict, notFound } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { toPlanView, type CreatePlanInput, type PlanView, type UpdatePlanInput } from "./view";

function toData(input: UpdatePlanInput) {
  return {
    name: input.name,
    code: input.code,
    cpu: input.cpu,
    ramMb: input.ram,
    diskGb: input.disk,
    osChoices: input.os_choices,
    description: input.description,
    priceMonthly: input.price_monthly,
    isActive: input.is_active,
  };
}

function mapUnique(err: unknown, code: string | undefined): never {
  if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002")
    throw conflict(`A plan with code "${code}" already exists`);
  throw err;
}

export async function createPlan(db: Db, input: CreatePlanInput): Promise<PlanView> {
  const row = await db.plan
    .create({ data: toData(input) as Prisma.PlanCreateInput })
    .catch((err) => mapUnique(err, input.code));
  return toPlanView(row);
}

export async function updatePlan(db: Db, id: number, input: UpdatePlanInput): Promise<PlanView> {
  const exists = await db.plan.findUnique({ where: { id }, select: { id: true } });
  if (!exists) throw notFound(`Plan ${id} not found`);
  const row = await db.plan.update({ where: { id }, data: toData(input) }).catch((err) => mapUnique(err, input.code));
  return toPlanView(row);
}
