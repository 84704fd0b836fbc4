// The one rule for VPS root passwords: only the VPS's owner reads one. Admins see every VPS
// but never a client's root password; every path that decrypts one (the VPS page's reveal,
// Bitrix order_status, ...) goes through readOwnRootPassword, whose owner filter is in the
// `where`, so no caller can forget it.
import type { Db } from "../db";
import { AppError } from "../errors";
import type { Actor } from "../users/actor";
import { decryptRootPassword } from "./root-password";

/** Only the owner's own, live VPS: the role plays no part. */
export const ownRootPasswordWhere = (actor: Pick<Actor, "userId">, vpsId: number) => ({ id: vpsId, userId: actor.userId, deletedAt: null });

/** `null` when the VPS is not the actor's own (whatever their role); else its password, or
 *  `password: null` when none is stored. */
export async function readOwnRootPassword(db: Db, actor: Pick<Actor, "userId">, vpsId: number): Promise<{ password: string | null } | null> {
  const row = await db.vps.findFirst({ where: ownRootPasswordWhere(actor, vpsId), select: { rootPasswordEnc: true } });
  if (!row) return null;
  if (row.rootPasswordEnc === null) return { password: null };
  try {
    return { password: decryptRootPassword(row.rootPasswordEnc) };
  } catch {
    // Sealed with another key (PANEL_ENCRYPTION_KEY / NEXTAUTH_SECRET changed) or altered.
    throw new AppError(500, "The stored root password cannot be decrypted with the panel's current key");
  }
}
