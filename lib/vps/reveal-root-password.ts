// Reveals a VPS's stored root password to its owner (the rule: root-password-access.ts).
// Other clients get 404 (existence is not revealed); an admin viewing someone else's VPS
// gets 403: the password is the owner's.
import type { Db } from "../db";
import { forbidden, notFound } from "../errors";
import type { Actor } from "../users/actor";
import { visibleVpsWhere } from "./get-vps-detail";
import { readOwnRootPassword } from "./root-password-access";

export async function revealRootPassword(db: Db, actor: Actor, vpsId: number): Promise<{ password: string | null }> {
  const own = await readOwnRootPassword(db, actor, vpsId);
  if (own) return own;
  const visible = await db.vps.findFirst({ where: visibleVpsWhere(actor, vpsId), select: { id: true } });
  if (!visible) throw notFound("VPS not found");
  throw forbidden("Only the VPS owner can reveal its root password");
}
