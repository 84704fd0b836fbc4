// Creates and edits plans (admin). Orders keep referring to a plan, so plans are retired
// with is_active=false rather than deleted.
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import { recordAudit } from "../audit/record-audit";
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
    snapshotLimit: input.snapshot_limit,
    isActive: input.is_active,
  };
}

function mapUnique(err: unknown, code: string | undefined): never {
  if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002")
    throw conflict(`A plan with code "${code}" already exists`);
  throw err;
}

/** Field names only: a plan holds no secret, but the log stays small. */
const changedFields = (input: UpdatePlanInput) => Object.keys(input).filter((k) => input[k as keyof UpdatePlanInput] !== undefined);

export async function createPlan(db: Db, input: CreatePlanInput, audit: AuditContext = SYSTEM_AUDIT): Promise<PlanView> {
  const row = await db
    .$transaction(async (tx) => {
      const plan = await tx.plan.create({ data: toData(input) as Prisma.PlanCreateInput });
      await recordAudit(tx, audit, { action: "plan.created", targetType: "plan", targetId: plan.id, details: { code: plan.code } });
      return plan;
    })
    .catch((err) => mapUnique(err, input.code));
  return toPlanView(row);
}

export async function updatePlan(db: Db, id: number, input: UpdatePlanInput, audit: AuditContext = SYSTEM_AUDIT): Promise<PlanView> {
  const exists = await db.plan.findUnique({ where: { id }, select: { id: true } });
  if (!exists) throw notFound(`Plan ${id} not found`);
  const row = await db
    .$transaction(async (tx) => {
      const plan = await tx.plan.update({ where: { id }, data: toData(input) });
      await recordAudit(tx, audit, {
        action: "plan.updated",
        targetType: "plan",
        targetId: id,
        details: { changed: changedFields(input), ...(input.is_active !== undefined ? { is_active: input.is_active } : {}) },
      });
      return plan;
    })
    .catch((err) => mapUnique(err, input.code));
  return toPlanView(row);
}
