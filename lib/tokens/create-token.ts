// Issues a personal API token. The secret is returned once and only its hash is kept.
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import { recordAudit } from "../audit/record-audit";
import type { Db } from "../db";
import { AppError, forbidden } from "../errors";
import type { Actor } from "../users/actor";
import { ADMIN_ONLY_SCOPES, type ApiTokenView, type TokenScope } from "./scopes";
import { displayPrefix, generateTokenSecret, hashToken } from "./token-secret";
import { toTokenView } from "./view";

export const MAX_ACTIVE_TOKENS = 50;

export interface CreateTokenInput {
  name: string;
  scopes: TokenScope[];
  expiresInDays?: number;
}

export async function createToken(
  db: Db,
  actor: Actor,
  input: CreateTokenInput,
  audit: AuditContext = SYSTEM_AUDIT,
): Promise<{ token: ApiTokenView; secret: string }> {
  const denied = input.scopes.filter((s) => ADMIN_ONLY_SCOPES.includes(s));
  if (denied.length && actor.role !== "admin") throw forbidden(`Only administrators may grant ${denied.join(", ")}`);
  const active = await db.apiToken.count({
    where: { userId: actor.userId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
  });
  if (active >= MAX_ACTIVE_TOKENS)
    throw new AppError(409, `You already have ${MAX_ACTIVE_TOKENS} active tokens: revoke one first`);
  const secret = generateTokenSecret();
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
    data: {
      userId: actor.userId,
      name: input.name,
      scopes: [...new Set(input.scopes)],
      tokenHash: hashToken(secret),
      prefix: displayPrefix(secret),
      expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
    },
    });
    await recordAudit(tx, audit, {
      action: "token.created",
      targetType: "token",
      targetId: created.id,
      details: { name: created.name, scopes: created.scopes, expires_at: created.expiresAt?.toISOString() ?? null },
    });
    return created;
  });
  return { token: toTokenView(row), secret };
}
