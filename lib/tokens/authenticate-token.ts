// Resolves `Authorization: Bearer osp_…` to an actor. Unknown, revoked and expired tokens
// are all refused alike. last_used_at is written at most once a minute per token, so a
// busy integration does not turn every read into a write.
import { mustSetUp2fa } from "../auth/two-factor-policy";
import { queryPrepared, type Db } from "../db";
import type { Actor } from "../users/actor";
import type { TokenScope } from "./scopes";
import { hashToken, looksLikeToken } from "./token-secret";

const TOUCH_EVERY_MS = 60_000;

export interface TokenActor extends Actor {
  tokenId: number;
  scopes: TokenScope[];
}

// The token and its owner in one statement, prepared once per connection: every request an
// API token makes starts here (through Prisma, a query for the token and one for the user).
const TOKEN_SQL = `
  SELECT t.id, t.scopes, t.revoked_at, t.expires_at, t.last_used_at, u.id AS user_id, u.role::text AS role, u.totp_enabled_at
    FROM api_tokens t JOIN users u ON u.id = t.user_id
   WHERE t.token_hash = $1`;

interface TokenRow {
  id: number;
  scopes: string[];
  revoked_at: Date | null;
  expires_at: Date | null;
  last_used_at: Date | null;
  user_id: number;
  role: Actor["role"];
  totp_enabled_at: Date | null;
}

const time = (v: Date | string | null) => (v === null ? null : new Date(v).getTime());

export async function authenticateToken(db: Db, secret: string): Promise<TokenActor | null> {
  if (!looksLikeToken(secret)) return null;
  const [token] = await queryPrepared<TokenRow>(db, { name: "api_token_by_hash", text: TOKEN_SQL, values: [hashToken(secret)] });
  const now = Date.now();
  const expiresAt = token ? time(token.expires_at) : null;
  if (!token || token.revoked_at !== null || (expiresAt !== null && expiresAt <= now)) return null;
  const lastUsedAt = time(token.last_used_at);
  if (lastUsedAt === null || now - lastUsedAt >= TOUCH_EVERY_MS) {
    // The guard in the WHERE keeps concurrent requests from all writing.
    await db.apiToken.updateMany({
      where: { id: token.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now - TOUCH_EVERY_MS) } }] },
      data: { lastUsedAt: new Date(now) },
    });
  }
  const owner = { role: token.role, twoFactor: token.totp_enabled_at !== null };
  return {
    userId: token.user_id,
    role: token.role,
    tokenId: token.id,
    scopes: token.scopes as TokenScope[],
    ...(mustSetUp2fa(owner) ? { mustSetUp2fa: true } : {}),
  };
}
