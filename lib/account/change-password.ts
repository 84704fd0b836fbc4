// A user changes their own password: the current one is checked (and throttled like a
// sign-in), and every other session of theirs is ended.
import type { Db } from "../db";
import { AppError } from "../errors";
import { hashPassword, verifyPassword } from "../auth/password";
import { accountKey, throttledAccountCheck } from "../auth/throttle";
import { revokeSessions } from "../auth/user-sessions";

export async function changePassword(
  db: Db,
  input: { userId: number; currentSid: string | null; currentPassword: string; newPassword: string; ip: string },
) {
  const user = await db.user.findUnique({ where: { id: input.userId }, select: { email: true, passwordHash: true } });
  if (!user) throw new AppError(404, "User not found");
  // Paid for before the hash, from the same allowance as sign-ins (lib/auth/throttle.ts).
  const ok = await throttledAccountCheck(db, { account: accountKey(user.email, input.userId), ip: input.ip }, () =>
    verifyPassword(input.currentPassword, user.passwordHash),
  );
  if (!ok) throw new AppError(400, "The current password is wrong");
  if (input.newPassword === input.currentPassword) throw new AppError(400, "The new password must differ from the current one");
  await db.user.update({ where: { id: input.userId }, data: { passwordHash: await hashPassword(input.newPassword) } });
  const revoked = await revokeSessions(db, input.userId, { keep: input.currentSid ?? undefined });
  // audit: account.password_changed
  return { revoked_sessions: revoked };
}
