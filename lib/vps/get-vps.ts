// One VPS for a reader: its owner, or any administrator. Someone else's id answers 404,
// exactly like an id that does not exist, so ids cannot be probed.
import type { Db } from "../db";
import { notFound } from "../errors";
import type { Actor } from "../users/actor";
import { readableVpsWhere } from "./access";
import { toVpsView, type VpsView } from "./view";

export async function getVps(db: Db, actor: Actor, id: number): Promise<VpsView> {
  const row = await db.vps.findFirst({
    where: readableVpsWhere(actor, id),
  });
  if (!row) throw notFound(`VPS ${id} not found`);
  return toVpsView(row);
}
