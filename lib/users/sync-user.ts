// Find-or-create a client by email for the main site: returns the panel id it must send
// as `user_id` (the seeds' "SSO id"). An existing user is returned as is (nothing is
// overwritten). Without a password a random one is set and never returned: the client
// signs in after a reset, or the main site sends one.
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import { randomBytes } from "node:crypto";
import type { Db } from "../db";
import { AppError } from "../errors";
import { createUser } from "./create-user";

import type { SyncUserInput } from "./schemas";

export { syncUserSchema, type SyncUserInput } from "./schemas";

export interface SyncedUser {
  id: number;
  email: string;
  username: string | null;
  name: string | null;
  created: boolean;
}

const select = { id: true, email: true, username: true, name: true } as const;

export async function syncUser(
  db: Db,
  input: SyncUserInput,
  audit: AuditContext = SYSTEM_AUDIT,
  opts: { createdBy?: "billmanager" } = {},
): Promise<SyncedUser> {
  const email = input.email.trim().toLowerCase();
  const existing = await db.user.findUnique({ where: { email }, select });
  if (existing) return { ...existing, created: false };
  if (input.username) {
    const taken = await db.user.findUnique({ where: { username: input.username }, select: { id: true } });
    if (taken) throw new AppError(409, `username ${input.username} is taken by another user`);
  }
  try {
    const u = await createUser(db, {
      email,
      name: input.name ?? null,
      username: input.username ?? null,
      password: input.password ?? randomBytes(24).toString("base64url"),
      role: "client",
      createdBy: opts.createdBy,
    }, audit, "user.synced");
    return { id: u.id, email: u.email, username: u.username, name: u.name, created: true };
  } catch (err) {
    // A concurrent sync of the same email won the race: answer with its user.
    const again = await db.user.findUnique({ where: { email }, select });
    if (again) return { ...again, created: false };
    throw err;
  }
}
