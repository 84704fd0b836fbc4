// Resolves `Authorization: Bearer osp_…` to an actor. Unknown, revoked and expired tokens
// are all refused alike. last_used_at is written at most once a minute per token, so a
// busy integration does not turn every read into a write.
import { mustSetUp2fa } from "../auth/two-factor-policy";
import type { Db } from "../db";
import type { Actor } from "../users/actor";
import type { TokenScope } from "./scopes";
import { hashToken, looksLikeToken } from "./token-secret";

const TOUCH_EVERY_MS = 60_000;

export interface TokenActor extends Actor {
  tokenId: number;
  scopes: TokenScope[];
}

export async function authenticateToken(db: Db, secret: string): Promise<TokenActor | null> {
  if (!looksLikeToken(secret)) return null;
  const token = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(secret) },
    select: { id: true, scopes: true, revokedAt: true, expiresAt: true, lastUsedAt: true, user: { select: { id: true, role: true, totpEnabledAt: true } } },
  });
  const now = Date.now();
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt.getTime() <= now)) return null;
  if (!token.lastUsedAt || now - token.lastUsedAt.getTime() >= TOUCH_EVERY_MS) {
    // The guard in the WHERE keeps concurrent requests from all writing.
    await db.apiToken.updateMany({
      where: { id: token.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now - TOUCH_EVERY_MS) } }] },
      data: { lastUsedAt: new Date(now) },
    });
  }
  const owner = { role: token.user.role, twoFactor: token.user.totpEnabledAt !== null };
  return {
    userId: token.user.id,
    role: token.user.role,
    tokenId: token.id,
    scopes: token.scopes as TokenScope[],
    ...(mustSetUp2fa(owner) ? { mustSetUp2fa: true } : {}),
  };
}
