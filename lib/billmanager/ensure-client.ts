// The client account behind a BILLmanager service. BILLmanager generates a login and a
// password for each service (--user, --password) and shows them to its customer, so they
// must open the panel. An account that already has this login is used (BILLmanager is the
// authority for the credentials it issued, so a changed password is applied); otherwise
// the client is found or created by email through the same service as POST /api/users/sync.
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import { hashPassword, verifyPassword } from "../auth/password";
import type { Db } from "../db";
import { AppError, conflict } from "../errors";
import { zodMessage } from "../http/handler";
import { syncUser, syncUserSchema } from "../users/sync-user";

export interface BillmanagerLogin {
  user: string;
  password: string;
  /** The customer's email, when the tariff passes one; else a placeholder under .invalid. */
  email?: string;
}

export async function ensureClient(db: Db, login: BillmanagerLogin, audit: AuditContext = SYSTEM_AUDIT): Promise<{ id: number }> {
  const byLogin = login.user.includes("@") ? { email: login.user.toLowerCase() } : { username: login.user };
  const existing = await db.user.findUnique({ where: byLogin, select: { id: true, role: true, passwordHash: true } });
  if (existing) {
    if (existing.role !== "client") throw conflict(`Login "${login.user}" belongs to a panel administrator; BILLmanager services need client logins`);
    if (!(await verifyPassword(login.password, existing.passwordHash)))
      await db.user.update({ where: { id: existing.id }, data: { passwordHash: await hashPassword(login.password) } });
    return { id: existing.id };
  }
  const isEmail = login.user.includes("@");
  const parsed = syncUserSchema.safeParse({
    email: isEmail ? login.user : (login.email ?? `${login.user}@billmanager.invalid`),
    username: isEmail ? null : login.user,
    name: login.user,
    password: login.password,
  });
  if (!parsed.success) throw new AppError(400, zodMessage(parsed.error).message.replace(/^Invalid request: /, "Bad --user/--password/email: "));
  return { id: (await syncUser(db, parsed.data, audit)).id };
}
