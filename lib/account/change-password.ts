// A user changes their own password: the current one is checked (and throttled like a
// sign-in), and every other session of theirs is ended.
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import { recordAudit } from "../audit/record-audit";
import type { Db } from "../db";
import { AppError } from "../errors";
import { hashPassword, verifyPassword } from "../auth/password";
import { accountKey, throttledAccountCheck } from "../auth/throttle";
import { revokeSessions } from "../auth/user-sessions";

export async function changePassword(
  db: Db,
  input: { userId: number; currentSid: string | null; currentPassword: string; newPassword: string; ip: string },
  audit: AuditContext = SYSTEM_AUDIT,
) {
  const user = await db.user.findUnique({ where: { id: input.userId }, select: { email: true, passwordHash: true } });
  if (!user) throw new AppError(404, "User not found");
  // Paid for before the hash, from the same allowance as sign-ins (lib/auth/throttle.ts).
  const ok = await throttledAccountCheck(db, { account: accountKey(user.email, input.userId), ip: input.ip }, () =>
    verifyPassword(input.currentPassword, user.passwordHash),
  );
  if (!ok) throw new AppError(400, "The current password is wrong");
  if (input.newPassword === input.currentPassword) throw new AppError(400, "The new password must differ from the current one");
  const passwordHash = await hashPassword(input.newPassword);
  const revoked = await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: input.userId }, data: { passwordHash } });
    const n = await revokeSessions(tx, input.userId, { keep: input.currentSid ?? undefined });
    await recordAudit(tx, audit, { action: "account.password_changed", targetType: "user", targetId: input.userId, details: { sessions_ended: n } });
    return n;
  });
  return { revoked_sessions: revoked };
}
