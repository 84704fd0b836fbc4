// A user's own security events for /account: their sign-ins and failed attempts on their
// account, 2FA, password, session and token changes — whoever made them (an admin's change
// to the account shows too). Newest first.
import type { Db, Prisma } from "../db";
import { SECURITY_ACTION_PREFIXES } from "./actions";

export interface SecurityEventView {
  id: string;
  created_at: string;
  action: string;
  /** Who acted: the user themselves (session or a token), someone else, or nobody signed in. */
  actor: "self" | "token" | "other" | "anonymous";
  client_address: string | null;
  details: Record<string, unknown>;
}

export async function listOwnSecurityEvents(db: Db, userId: number, opts: { limit?: number } = {}): Promise<SecurityEventView[]> {
  const where: Prisma.AuditEntryWhereInput = {
    AND: [
      { OR: SECURITY_ACTION_PREFIXES.map((p) => ({ action: { startsWith: p } })) },
      { OR: [{ actorUserId: userId }, { targetType: "user", targetId: String(userId) }] },
    ],
  };
  const rows = await db.auditEntry.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(opts.limit ?? 20, 1), 100),
    select: { id: true, createdAt: true, action: true, actorType: true, actorUserId: true, clientAddress: true, details: true },
  });
  return rows.map((r) => ({
    id: String(r.id),
    created_at: r.createdAt.toISOString(),
    action: r.action,
    actor:
      r.actorUserId === null ? "anonymous" : r.actorUserId !== userId ? "other" : r.actorType === "token" ? "token" : "self",
    client_address: r.clientAddress,
    details: (r.details ?? {}) as Record<string, unknown>,
  }));
}
