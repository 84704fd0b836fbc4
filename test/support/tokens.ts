// API tokens for tests, stored the way the panel stores them (lib/tokens: osp_ + base62,
// only the SHA-256 kept).
import type { Database } from "../../lib/db";
import { displayPrefix, generateTokenSecret, hashToken } from "../../lib/tokens/token-secret";

export async function createTestToken(db: Database, userId: number, scopes: string[], opts: { revoked?: boolean; expired?: boolean } = {}) {
  const raw = generateTokenSecret();
  await db.prisma.apiToken.create({
    data: {
      userId,
      name: `test ${scopes.join(",")}`,
      tokenHash: hashToken(raw),
      prefix: displayPrefix(raw),
      scopes,
      revokedAt: opts.revoked ? new Date() : null,
      expiresAt: opts.expired ? new Date(Date.now() - 1000) : null,
    },
  });
  return raw;
}
