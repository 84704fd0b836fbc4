// Who sees which VPS, written once. Two audiences read lists: an owner (their own VPS) and
// an administrator (every VPS; anyone else is refused). A single VPS is readable by its
// owner and by any administrator; someone else's id reads as "not found". Deleted VPS are
// in no list and readable by no one. Every VPS read in lib/ builds its `where` from here.
import type { Prisma } from "../db";
import { assertAdmin, isAdmin } from "../users/access";
import type { Actor } from "../users/actor";

export type VpsAudience = "owner" | "admin";

/** The rows a VPS list for this audience may hold; "admin" throws 401/403 for non-admins. */
export function vpsListScope(actor: Actor, audience: VpsAudience): Prisma.VpsWhereInput {
  if (audience === "admin") {
    assertAdmin(actor);
    return { deletedAt: null };
  }
  return { userId: actor.userId, deletedAt: null };
}

/** Whether the actor may read VPS that are not theirs (administrators read every VPS). */
export function readsEveryVps(actor: Actor): boolean {
  return isAdmin(actor);
}

/** The one VPS with this id, as the actor may read it (owner, or any for an admin). */
export function readableVpsWhere(actor: Actor, id: number): Prisma.VpsWhereInput & { id: number } {
  return { id, deletedAt: null, ...(readsEveryVps(actor) ? {} : { userId: actor.userId }) };
}
