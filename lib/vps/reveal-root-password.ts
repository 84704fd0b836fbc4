// Reveals a VPS's stored root password to its owner. Other clients get 404 (existence is not
// revealed); an admin viewing someone else's VPS gets 403: the password is the owner's.
import type { Db } from "../db";
import { AppError, forbidden, notFound } from "../errors";
import type { Actor } from "../users/actor";
import { visibleVpsWhere } from "./get-vps-detail";
import { decryptRootPassword } from "./root-password";

export async function revealRootPassword(db: Db, actor: Actor, vpsId: number): Promise<{ password: string | null }> {
  const row = await db.vps.findFirst({
    where: visibleVpsWhere(actor, vpsId),
    select: { userId: true, rootPasswordEnc: true },
  });
  if (!row) throw notFound("VPS not found");
  if (row.userId !== actor.userId) throw forbidden("Only the VPS owner can reveal its root password");
  if (row.rootPasswordEnc === null) return { password: null };
  try {
    return { password: decryptRootPassword(row.rootPasswordEnc) };
  } catch {
    // Sealed with another key (PANEL_ENCRYPTION_KEY / NEXTAUTH_SECRET changed) or altered.
    throw new AppError(500, "The stored root password cannot be decrypted with the panel's current key");
  }
}
