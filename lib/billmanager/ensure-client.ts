// The client account behind a BILLmanager service. BILLmanager generates a login and a
// password for each service (--user, --password) and shows them to its customer, so they
// must open the panel. BILLmanager never takes over an account it did not create: a login
// or email that belongs to an account made any other way (the main site, the admin, the
// seed) is refused and nothing changes. An account BILLmanager created itself
// (User.createdBy) is reused for its further services, and BILLmanager stays the authority
// for the credentials it issued, so a changed password is applied; otherwise the client is
// created through the same service as POST /api/users/sync.
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import { recordAudit } from "../audit/record-audit";
import { hashPassword, verifyPassword } from "../auth/password";
import { revokeSessions } from "../auth/user-sessions";
import type { Db } from "../db";
import { AppError, conflict, issueSummary } from "../errors";
import { syncUser, syncUserSchema } from "../users/sync-user";
import { z } from "zod";

export interface BillmanagerLogin {
  user: string;
  password: string;
  /** The customer's email, when the tariff passes one; else a placeholder under .invalid. */
  email?: string;
}

export const CREATED_BY_BILLMANAGER = "billmanager";

/**
 * BILLmanager generates the service password itself and its generator may make short ones
 * (its own docs show `--password='Xy7!kq'`), so the panel accepts from 6 characters here,
 * not the 8 it asks of passwords typed by people. Shorter is refused: nothing is created.
 */
export const BILLMANAGER_PASSWORD_MIN = 6;

const billmanagerUserSchema = syncUserSchema.extend({
  password: z
    .string()
    .min(BILLMANAGER_PASSWORD_MIN, `password must be at least ${BILLMANAGER_PASSWORD_MIN} characters`)
    .max(1024, "password must be at most 1024 characters"),
});

const notOurs = (what: string) =>
  conflict(`${what} belongs to a panel account BILLmanager did not create; BILLmanager never takes over an existing account: give the service another login`);

export async function ensureClient(db: Db, login: BillmanagerLogin, audit: AuditContext = SYSTEM_AUDIT): Promise<{ id: number }> {
  const byLogin = login.user.includes("@") ? { email: login.user.toLowerCase() } : { username: login.user };
  const existing = await db.user.findUnique({ where: byLogin, select: { id: true, role: true, passwordHash: true, createdBy: true } });
  if (existing) {
    if (existing.role !== "client") throw conflict(`Login "${login.user}" belongs to a panel administrator; BILLmanager services need client logins`);
    if (existing.createdBy !== CREATED_BY_BILLMANAGER) throw notOurs(`Login "${login.user}"`);
    if (!(await verifyPassword(login.password, existing.passwordHash))) {
      // BILLmanager issued new credentials: the old password's sessions end with it.
      const passwordHash = await hashPassword(login.password);
      await db.$transaction(async (tx) => {
        await tx.user.update({ where: { id: existing.id }, data: { passwordHash } });
        const ended = await revokeSessions(tx, existing.id);
        await recordAudit(tx, audit, { action: "account.password_changed", targetType: "user", targetId: existing.id, details: { by: "billmanager", sessions_ended: ended } });
      });
    }
    return { id: existing.id };
  }
  const isEmail = login.user.includes("@");
  const parsed = billmanagerUserSchema.safeParse({
    email: isEmail ? login.user : (login.email ?? `${login.user}@billmanager.invalid`),
    username: isEmail ? null : login.user,
    name: login.user,
    password: login.password,
  });
  if (!parsed.success) throw new AppError(400, issueSummary(parsed.error.issues, { heading: "Bad --user/--password/email" }));
  // The email may already be someone's: syncUser answers with that account, unchanged.
  const synced = await syncUser(db, parsed.data, audit, { createdBy: CREATED_BY_BILLMANAGER });
  if (!synced.created) {
    const owner = await db.user.findUnique({ where: { id: synced.id }, select: { createdBy: true } });
    if (owner?.createdBy !== CREATED_BY_BILLMANAGER) throw notOurs(`The email ${parsed.data.email}`);
  }
  return { id: synced.id };
}
