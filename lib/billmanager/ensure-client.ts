// The client account behind a BILLmanager service: BILLmanager generates a login and a
// password for each service (--user, --password) and shows them to its customer, so they
// must open the panel. Found by login (or email), created when new; BILLmanager is the
// authority for the credentials it issues, so a changed password is applied.
import { hashPassword, verifyPassword } from "../auth/password";
import type { Db } from "../db";
import { conflict } from "../errors";
import { createUser } from "../users/create-user";

export interface BillmanagerLogin {
  user: string;
  password: string;
  email?: string;
}

export async function ensureClient(db: Db, login: BillmanagerLogin): Promise<{ id: number; username: string | null; email: string }> {
  const isEmail = login.user.includes("@");
  const email = (isEmail ? login.user : login.email ?? `${login.user}@billmanager.invalid`).trim().toLowerCase();
  const where = isEmail ? { email } : { username: login.user };
  let user = await db.user.findUnique({ where, select: { id: true, role: true, username: true, email: true, passwordHash: true } });
  if (!user) {
    try {
      const created = await createUser(db, { email, username: isEmail ? null : login.user, name: login.user, password: login.password });
      return { id: created.id, username: created.username, email: created.email };
    } catch (err) {
      // A concurrent run created it first: use that one.
      user = await db.user.findUnique({ where, select: { id: true, role: true, username: true, email: true, passwordHash: true } });
      if (!user) throw err;
    }
  }
  if (user.role !== "client") throw conflict(`Login "${login.user}" belongs to a panel administrator; BILLmanager services need client logins`);
  if (!(await verifyPassword(login.password, user.passwordHash)))
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(login.password) } });
  return { id: user.id, username: user.username, email: user.email };
}
