// The systems a VPS may be reinstalled with (PRODUCT.md §9 `reinstall {os}`): the OS list
// of the plan the VPS was ordered on, or — for a VPS the main site or BILLmanager created
// without a panel order — the admin-managed list, i.e. every OS offered by the active plans
// (/admin/plans). The VPS's current OS is always allowed (reinstalling the same system).
// requestAction refuses any other name with 400; the VPS page offers exactly this list.
import type { Db, Prisma } from "../../db";

type Reader = Pick<Db | Prisma.TransactionClient, "vps" | "plan">;

export async function reinstallOsChoices(db: Reader, vpsId: number): Promise<string[]> {
  const vps = await db.vps.findUnique({ where: { id: vpsId }, select: { os: true, order: { select: { plan: { select: { osChoices: true } } } } } });
  if (!vps) return [];
  let choices = vps.order?.plan.osChoices ?? [];
  if (choices.length === 0) {
    const plans = await db.plan.findMany({ where: { isActive: true }, select: { osChoices: true }, orderBy: { id: "asc" } });
    choices = plans.flatMap((p) => p.osChoices);
  }
  return [...new Set([vps.os, ...choices])];
}
