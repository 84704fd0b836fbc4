// The main site's snapshots, backups and rDNS for a VPS (sync `update`), each list given
// replacing the stored one. A list that differs from what is stored is one `vps.updated`
// event (`changed: ["snapshots", …]`), so the VPS page's sections re-read it live; pushing
// the same lists again changes nothing and records nothing.
import { SYSTEM_AUDIT, type AuditContext } from "../../audit/context";
import { recordAudit } from "../../audit/record-audit";
import type { Db, Prisma } from "../../db";
import { notFound } from "../../errors";
import { recordEvent } from "../../events/record-event";
import { toVpsView, type VpsView } from "../view";
import { LIST_FIELDS, type ListField, type VpsListsInput } from "./schemas";

export function listsGiven(input: VpsListsInput): boolean {
  return LIST_FIELDS.some((f) => input[f] !== undefined);
}

export async function storeVpsLists(db: Db, vpsId: number, input: VpsListsInput, audit: AuditContext = SYSTEM_AUDIT): Promise<{ vps: VpsView; changed: ListField[] }> {
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM vps WHERE id = ${vpsId} AND deleted_at IS NULL FOR UPDATE`;
    if (locked.length === 0) throw notFound(`VPS ${vpsId} not found`);
    const [vps, current] = await Promise.all([
      tx.vps.findUniqueOrThrow({ where: { id: vpsId } }),
      tx.vpsLists.findUnique({ where: { vpsId } }),
    ]);
    const changed = LIST_FIELDS.filter((f) => input[f] !== undefined && JSON.stringify(input[f]) !== JSON.stringify(current?.[f] ?? null));
    const view = toVpsView(vps);
    if (changed.length === 0) return { vps: view, changed };
    const data = Object.fromEntries(changed.map((f) => [f, input[f] as Prisma.InputJsonValue]));
    await tx.vpsLists.upsert({ where: { vpsId }, create: { vpsId, ...data }, update: data });
    await recordEvent(tx, { type: "vps.updated", userId: vps.userId, vpsId, payload: { vps: view, changed } });
    await recordAudit(tx, audit, {
      action: "vps.updated",
      targetType: "vps",
      targetId: vpsId,
      details: { changed, ...Object.fromEntries(changed.map((f) => [`${f}_count`, input[f]?.length ?? 0])) },
    });
    return { vps: view, changed };
  });
}
