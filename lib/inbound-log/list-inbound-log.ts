// The inbound log for admins: filtered (outcome, endpoint, VPS), newest first, offset pages.
// Each filter meets an index: (status, created_at), (endpoint, created_at), (vps_id, created_at).
import type { Db, Prisma } from "../db";
import { fetchPage, type Page } from "../list/page";
import type { Actor } from "../users/actor";
import { assertAdmin } from "../users/access";
import type { InboundCallView, InboundFilters } from "./schemas";

type Row = Awaited<ReturnType<Db["inboundCall"]["findFirstOrThrow"]>>;

export function inboundWhere(f: InboundFilters): Prisma.InboundCallWhereInput {
  return {
    ...(f.status === "ok" ? { status: { lt: 400 } } : f.status === "rejected" ? { status: { gte: 400 } } : {}),
    ...(f.endpoint ? { endpoint: f.endpoint } : {}),
    ...(f.vps ? { vpsId: f.vps } : {}),
  };
}

export function toInboundCallView(r: Row): InboundCallView {
  return {
    id: r.id.toString(),
    created_at: r.createdAt.toISOString(),
    endpoint: r.endpoint,
    method: r.method,
    action: r.action,
    vps_id: r.vpsId,
    external_id: r.externalId,
    status: r.status,
    error_code: r.errorCode,
    message: r.message,
    duration_ms: r.durationMs,
    request_id: r.requestId,
    client_address: r.clientAddress,
    idempotency_key: r.idempotencyKey,
  };
}

function inboundQuery(db: Db, actor: Actor | null, filters: InboundFilters) {
  assertAdmin(actor);
  const where = inboundWhere(filters);
  return {
    count: () => db.inboundCall.count({ where }),
    fetch: async (skip: number, take: number) =>
      (await db.inboundCall.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip, take })).map(toInboundCallView),
  };
}

export async function listInboundLog(db: Db, actor: Actor | null, filters: InboundFilters, page: { limit: number; offset: number }) {
  const q = inboundQuery(db, actor, filters);
  const [total, calls] = await Promise.all([q.count(), q.fetch(page.offset, page.limit)]);
  return { calls, total };
}

/** A page of the log for /admin/sync-log; a page past the end shows the last one. */
export function listInboundLogPage(db: Db, actor: Actor | null, filters: InboundFilters, want: { page: number; perPage: number }): Promise<Page<InboundCallView>> {
  const q = inboundQuery(db, actor, filters);
  return fetchPage(want, q.count, q.fetch);
}

/** The endpoints present in the log, for the page's endpoint filter. */
export async function listInboundEndpoints(db: Db, actor: Actor | null): Promise<string[]> {
  assertAdmin(actor);
  // GROUP BY in SQL (findMany's distinct would read every row).
  const rows = await db.inboundCall.groupBy({ by: ["endpoint"], orderBy: { endpoint: "asc" } });
  return rows.map((r) => r.endpoint);
}
