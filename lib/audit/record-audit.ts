// Writes one audit row inside the caller's transaction, so it commits or rolls back with
// the change it records. One statement: a user actor's label (their email as it is now) is
// read by a sub-select, not by another round trip. Details must never hold a secret
// (password, token, key, webhook secret): pass field names, not values.
//
// Hot paths that are a single SQL statement (lib/vps/create-vps.ts, update-vps.ts) insert
// the audit row as one more CTE instead (auditActorSql, or auditActorText for a prepared
// statement's fixed text).
import { Prisma } from "../generated/prisma/client";
import type { AuditAction, AuditTargetType } from "./actions";
import type { AuditContext } from "./context";

export interface AuditEntry {
  action: AuditAction;
  targetType?: AuditTargetType | null;
  targetId?: string | number | bigint | null;
  details?: Record<string, unknown>;
}

type Tx = Pick<Prisma.TransactionClient, "$executeRaw">;

function labelSql(ctx: AuditContext): Prisma.Sql {
  return ctx.label === null && ctx.userId !== null
    ? Prisma.sql`(SELECT email FROM users WHERE id = ${ctx.userId}::int)`
    : Prisma.sql`${ctx.label}::text`;
}

/** The column list and the actor's values, for an INSERT … SELECT in a caller's own SQL. */
export function auditColumnsSql(): Prisma.Sql {
  return Prisma.raw(AUDIT_COLUMNS);
}
export function auditActorSql(ctx: AuditContext): Prisma.Sql {
  return Prisma.sql`${ctx.actorType}::"AuditActorType", ${ctx.userId}::int, ${ctx.tokenId}::int, ${labelSql(ctx)},
    ${ctx.clientAddress}::text, ${ctx.requestId}::text`;
}

/**
 * The actor's values as the placeholders $first..$first+5 of a statement with a fixed text
 * (a prepared statement, lib/vps/update-vps.ts), with auditActorParams(ctx) as their values.
 * A user's label is their email, read by a sub-select only when no label is given.
 */
export function auditActorText(first: number): string {
  const $ = (i: number) => `$${first + i}`;
  return `${$(0)}::"AuditActorType", ${$(1)}::int, ${$(2)}::int, COALESCE(${$(3)}::text, (SELECT email FROM users WHERE id = ${$(1)}::int)),
    ${$(4)}::text, ${$(5)}::text`;
}
export function auditActorParams(ctx: AuditContext): unknown[] {
  return [ctx.actorType, ctx.userId, ctx.tokenId, ctx.label, ctx.clientAddress, ctx.requestId];
}
export const AUDIT_COLUMNS =
  "(actor_type, actor_user_id, actor_token_id, actor_label, client_address, request_id, action, target_type, target_id, details, created_at)";

export async function recordAudit(tx: Tx, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  const targetId = entry.targetId === undefined || entry.targetId === null ? null : String(entry.targetId);
  await tx.$executeRaw`
    INSERT INTO audit_log ${auditColumnsSql()}
    VALUES (${auditActorSql(ctx)}, ${entry.action}, ${entry.targetType ?? null}::text, ${targetId}::text,
            ${JSON.stringify(entry.details ?? {})}::jsonb, now() AT TIME ZONE 'UTC')`;
}
