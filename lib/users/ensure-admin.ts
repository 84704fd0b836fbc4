// First admin from ADMIN_EMAIL + ADMIN_PASSWORD, created only when no admin exists.
import type { Db } from "../db";
import { createUser } from "./create-user";

export async function ensureFirstAdmin(db: Db, email?: string, password?: string) {
  const admins = await db.user.count({ where: { role: "admin" } });
  if (admins > 0 || !email || !password) return { created: false, adminCount: admins };
  await createUser(db, { email, password, role: "admin", name: "Administrator" });
  return { created: true, adminCount: 1 };
}
