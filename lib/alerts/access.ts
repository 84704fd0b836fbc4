// Who may see and change which alert rules, written once: a user their own, an admin every
// user's. Another user's rule reads as not found. A rule's VPS must be one its owner owns
// (and one the actor may read): anything else is not found too.
import type { Prisma } from "../db";
import { isAdmin } from "../users/access";
import type { Actor } from "../users/actor";

/** The rules a list for this actor may hold (`userId`: an admin's choice of whose). */
export function alertRulesScope(actor: Actor, userId?: number): Prisma.AlertRuleWhereInput {
  if (isAdmin(actor)) return userId === undefined ? { userId: actor.userId } : { userId };
  return { userId: actor.userId };
}

/** The one rule with this id, as the actor may read or change it. */
export function alertRuleWhere(actor: Actor, id: number): Prisma.AlertRuleWhereInput & { id: number } {
  return { id, ...(isAdmin(actor) ? {} : { userId: actor.userId }) };
}
