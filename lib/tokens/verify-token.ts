// Checks a raw API token ("osp_...") against api_tokens: stored as sha256 hex, never in
// clear. Revoked and expired tokens are refused. Returns who the token acts for.
import { createHash } from "node:crypto";
import type { Db } from "../db";

export interface VerifiedToken {
  userId: number;
  role: "client" | "admin";
  scopes: string[];
}

export function hashApiToken(raw: string): string {
  return createHash("sha256").update(raw, "utf8").digest("hex");
}

export async function verifyApiToken(db: Db, raw: string): Promise<VerifiedToken | null> {
  if (!raw || raw.length > 512) return null;
  const now = new Date();
  const row = await db.apiToken.findFirst({
    where: {
      tokenHash: hashApiToken(raw),
      revokedAt: null,
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
    },
    select: { userId: true, scopes: true, user: { select: { role: true } } },
  });
  if (!row) return null;
  return { userId: row.userId, role: row.user.role, scopes: row.scopes };
}
