// Reconciliation for the main site: every VPS changed since a time, deleted ones included
// (with `deleted_at`), in a stable (updated_at, id) order, a page at a time. Every change
// (create, update, delete) moves updated_at, so a VPS changed while the main site pages
// through shows up again later with its newest state; none is skipped for it.
// Served by the (updated_at, id) index: a range scan from the cursor, stopping at the limit.
import type { Db } from "../db";
import { encodeChangesCursor, type ChangesCursor } from "./sync-schema";
import { toVpsView, type VpsView } from "./view";

export interface VpsChangeView extends VpsView {
  deleted_at: string | null;
}

export interface VpsChangesPage {
  vps: VpsChangeView[];
  next_cursor: string | null;
}

export async function listVpsChanges(
  db: Db,
  opts: { updatedSince?: Date; cursor?: ChangesCursor; limit: number },
): Promise<VpsChangesPage> {
  const { updatedSince, cursor, limit } = opts;
  const from = cursor && (!updatedSince || cursor.updatedAt >= updatedSince) ? cursor.updatedAt : updatedSince;
  const rows = await db.vps.findMany({
    where: {
      ...(from ? { updatedAt: { gte: from } } : {}),
      // After the cursor: later, or as late with a higher id.
      ...(cursor ? { OR: [{ updatedAt: { gt: cursor.updatedAt } }, { id: { gt: cursor.id } }] } : {}),
    },
    orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    vps: page.map((row) => ({ ...toVpsView(row), deleted_at: row.deletedAt ? row.deletedAt.toISOString() : null })),
    next_cursor: rows.length > limit && last ? encodeChangesCursor({ updatedAt: last.updatedAt, id: last.id }) : null,
  };
}
