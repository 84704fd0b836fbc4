// API tokens for tests, stored the way the panel stores them (sha256 hex of the raw token).
import { randomBytes } from "node:crypto";
import type { Database } from "../../lib/db";
import { hashApiToken } from "../../lib/tokens/verify-token";

export async function createTestToken(db: Database, userId: number, scopes: string[], opts: { revoked?: boolean; expired?: boolean } = {}) {
  const raw = `osp_${randomBytes(24).toString("hex")}`;
  await db.prisma.apiToken.create({
    data: {
      userId,
      name: `test ${scopes.join(",")}`,
      tokenHash: hashApiToken(raw),
      prefix: raw.slice(0, 12),
      scopes,
      revokedAt: opts.revoked ? new Date() : null,
      expiresAt: opts.expired ? new Date(Date.now() - 1000) : null,
    },
  });
  return raw;
}
