// Revokes one of the actor's own tokens. Another user's token id answers 404, like an
// unknown one, so ids cannot be probed. Revoking twice keeps the first revocation time.
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import { recordAudit } from "../audit/record-audit";
import type { Db } from "../db";
import { notFound } from "../errors";
import type { Actor } from "../users/actor";
import type { ApiTokenView } from "./scopes";
import { toTokenView } from "./view";

export async function revokeToken(db: Db, actor: Actor, id: number, audit: AuditContext = SYSTEM_AUDIT): Promise<ApiTokenView> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({ where: { id, userId: actor.userId, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count > 0) await recordAudit(tx, audit, { action: "token.revoked", targetType: "token", targetId: id });
  });
  const row = await db.apiToken.findFirst({ where: { id, userId: actor.userId } });
  if (!row) throw notFound(`Token ${id} not found`);
  return toTokenView(row);
}
