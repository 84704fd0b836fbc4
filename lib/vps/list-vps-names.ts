// The names of one's own VPS (not deleted), for pickers such as the alert rule form.
import type { Db } from "../db";

export function listVpsNames(db: Db, userId: number): Promise<{ id: number; name: string }[]> {
  return db.vps.findMany({ where: { userId, deletedAt: null }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}
