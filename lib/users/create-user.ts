// Creates a panel user and records `user.created`.
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import { recordAudit } from "../audit/record-audit";
import type { Db } from "../db";
import { conflict } from "../errors";
import { hashPassword } from "../auth/password";
import { wakeRelay } from "../events/bus";
import { recordEvent } from "../events/record-event";
import { Prisma } from "../generated/prisma/client";

export interface CreateUserInput {
  email: string;
  password: string;
  name?: string | null;
  username?: string | null;
  role?: "client" | "admin";
  locale?: "ru" | "en";
  /** The integration creating the account ("billmanager"); see User.createdBy. */
  createdBy?: "billmanager";
}

export async function createUser(db: Db, input: CreateUserInput, audit: AuditContext = SYSTEM_AUDIT, action: "user.created" | "user.synced" = "user.created") {
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.$transaction(async (tx) => {
      const u = await tx.user.create({
        data: {
          email: input.email.trim().toLowerCase(),
          username: input.username?.trim() || null,
          name: input.name ?? null,
          role: input.role ?? "client",
          locale: input.locale ?? "ru",
          passwordHash,
          createdBy: input.createdBy ?? null,
        },
      });
      await recordEvent(tx, {
        type: "user.created",
        userId: u.id,
        payload: { user_id: u.id, email: u.email, username: u.username, name: u.name, role: u.role },
      });
      await recordAudit(tx, audit, { action, targetType: "user", targetId: u.id, details: { email: u.email, role: u.role } });
      return u;
    });
    wakeRelay();
    return user;
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002")
      throw conflict("A user with this email or username already exists");
    throw err;
  }
}
