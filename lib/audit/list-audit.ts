// The audit log for admins: filtered, newest first, offset pages. Filters map onto the
// audit_log indexes: created_at, (actor_user_id, created_at), (action, created_at),
// (target_type, target_id, created_at); an email fragment scans actor_label.
import type { Actor } from "../users/actor";
import { assertAdmin } from "../users/access";
import type { Db, Prisma } from "../db";
import type { AuditEntryView, AuditFilters } from "./schemas";
import { toAuditEntryView } from "./view";

const endOfDay = (d: string) => (d.length === 10 ? new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000 - 1) : new Date(d));
const startOf = (d: string) => new Date(d.length === 10 ? `${d}T00:00:00Z` : d);

export function auditWhere(f: AuditFilters): Prisma.AuditEntryWhereInput {
  const actor = f.actor?.trim();
  return {
    ...(actor
      ? /^\d{1,9}$/.test(actor)
        ? { actorUserId: Number(actor) }
        : { actorLabel: { contains: actor, mode: "insensitive" } }
      : {}),
    ...(f.action ? (f.action.endsWith(".") ? { action: { startsWith: f.action } } : { action: f.action }) : {}),
    ...(f.target_type ? { targetType: f.target_type } : {}),
    ...(f.target_id ? { targetId: f.target_id } : {}),
    ...(f.from || f.to
      ? { createdAt: { ...(f.from ? { gte: startOf(f.from) } : {}), ...(f.to ? { lte: endOfDay(f.to) } : {}) } }
      : {}),
  };
}

export async function listAudit(
  db: Db,
  actor: Actor | null,
  filters: AuditFilters,
  page: { limit: number; offset: number },
): Promise<{ entries: AuditEntryView[]; total: number }> {
  assertAdmin(actor);
  const where = auditWhere(filters);
  const [total, rows] = await Promise.all([
    db.auditEntry.count({ where }),
    db.auditEntry.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: page.offset, take: page.limit }),
  ]);
  return { entries: rows.map(toAuditEntryView), total };
}
