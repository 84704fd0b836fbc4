// The audit log for admins: filtered, newest first, offset pages. Filters map onto the
// audit_log indexes: created_at, (actor_user_id, created_at), (action, created_at),
// (target_type, target_id, created_at); an email fragment scans actor_label.
import type { Actor } from "../users/actor";
import { assertAdmin } from "../users/access";
import type { Db, Prisma } from "../db";
import type { AuditEntryView, AuditFilters } from "./schemas";
import { toAuditEntryView } from "./view";
import { fetchPage, type Page } from "../list/page";

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

function auditQuery(db: Db, actor: Actor | null, filters: AuditFilters) {
  assertAdmin(actor);
  const where = auditWhere(filters);
  return {
    count: () => db.auditEntry.count({ where }),
    fetch: async (skip: number, take: number) =>
      (await db.auditEntry.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip, take })).map(toAuditEntryView),
  };
}

export async function listAudit(
  db: Db,
  actor: Actor | null,
  filters: AuditFilters,
  page: { limit: number; offset: number },
): Promise<{ entries: AuditEntryView[]; total: number }> {
  const q = auditQuery(db, actor, filters);
  const [total, entries] = await Promise.all([q.count(), q.fetch(page.offset, page.limit)]);
  return { entries, total };
}

/** A page of the log for /admin/audit; a page past the end shows the last one. */
export async function listAuditPage(db: Db, actor: Actor | null, filters: AuditFilters, want: { page: number; perPage: number }): Promise<Page<AuditEntryView>> {
  const q = auditQuery(db, actor, filters);
  return fetchPage(want, q.count, q.fetch);
}
