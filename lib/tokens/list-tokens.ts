// The actor's own tokens, newest first (revoked ones included, marked).
import type { Db } from "../db";
import type { Actor } from "../users/actor";
import type { ApiTokenView } from "./scopes";
import { toTokenView } from "./view";

export async function listOwnTokens(db: Db, actor: Actor): Promise<ApiTokenView[]> {
  const rows = await db.apiToken.findMany({ where: { userId: actor.userId }, orderBy: { id: "desc" } });
  return rows.map(toTokenView);
}
