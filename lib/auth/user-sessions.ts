// Server-side sessions. The next-auth JWT carries an opaque `sid`; the row in user_sessions
// decides whether that browser is still signed in. Sign-out, a password change and "sign
// out everywhere" set revoked_at, and every reader (pages, route handlers, socket.io, /ws)
// goes through findLiveSession, so an ended session stops working everywhere at once.
import { randomBytes } from "node:crypto";
import { parse as parseCookie } from "cookie";
import { getToken } from "next-auth/jwt";
import type { Db } from "../db";

/** Matches the JWT's maxAge (lib/auth/options.ts); extended while the session is used. */
export const SESSION_MAX_AGE_S = 7 * 24 * 3600;
/** last_seen_at is written at most this often per session. */
const TOUCH_EVERY_MS = 60_000;

export interface LiveSession {
  sid: string;
  user: { id: number; email: string; name: string | null; role: "client" | "admin"; locale: string; timeZone: string | null; twoFactor: boolean };
}

export async function createUserSession(db: Db, input: { userId: number; ip?: string | null; userAgent?: string | null }) {
  const id = randomBytes(24).toString("base64url");
  // Ended sessions are of no use after a while (the audit log keeps the history).
  const week = new Date(Date.now() - 7 * 24 * 3600 * 1000);
  await db.userSession.deleteMany({ where: { userId: input.userId, OR: [{ expiresAt: { lt: week } }, { revokedAt: { lt: week } }] } });
  await db.userSession.create({
    data: {
      id,
      userId: input.userId,
      ip: input.ip?.slice(0, 100) || null,
      userAgent: input.userAgent?.slice(0, 500) || null,
      expiresAt: new Date(Date.now() + SESSION_MAX_AGE_S * 1000),
    },
  });
  return id;
}

/**
 * The one answer to "is this session alive": the session and its user, or null when the
 * sid is unknown, revoked or expired (or the user is gone). Marks the session as seen.
 */
export async function findLiveSession(db: Db, sid: unknown, userId?: unknown): Promise<LiveSession | null> {
  if (typeof sid !== "string" || sid.length === 0 || sid.length > 100) return null;
  const row = await db.userSession.findUnique({
    where: { id: sid },
    select: {
      revokedAt: true,
      expiresAt: true,
      lastSeenAt: true,
      user: { select: { id: true, email: true, name: true, role: true, locale: true, timeZone: true, totpEnabledAt: true } },
    },
  });
  const now = Date.now();
  if (!row || row.revokedAt || row.expiresAt.getTime() <= now) return null;
  if (userId !== undefined && Number(userId) !== row.user.id) return null;
  if (now - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await db.userSession.updateMany({
      where: { id: sid, revokedAt: null },
      data: { lastSeenAt: new Date(now), expiresAt: new Date(now + SESSION_MAX_AGE_S * 1000) },
    });
  }
  const { totpEnabledAt, ...user } = row.user;
  return { sid, user: { ...user, twoFactor: totpEnabledAt !== null } };
}

/** The sid inside a request's session cookie (any header shape: Node's or Fetch's). */
export async function sessionIdFromHeaders(headers: Record<string, string | string[] | undefined>, secret: string) {
  const cookieHeader = headers.cookie;
  const cookies = parseCookie((Array.isArray(cookieHeader) ? cookieHeader.join("; ") : cookieHeader) ?? "");
  const token = await getToken({ req: { headers, cookies } as never, secret });
  return token?.sid && token.uid ? { sid: token.sid, uid: token.uid } : null;
}

export async function revokeSession(db: Pick<Db, "userSession">, userId: number, sid: string) {
  const r = await db.userSession.updateMany({ where: { id: sid, userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return r.count > 0;
}

/** Ends every session of the user, or every one but `keep` (the caller's own). */
export async function revokeSessions(db: Pick<Db, "userSession">, userId: number, opts: { keep?: string } = {}) {
  const r = await db.userSession.updateMany({
    where: { userId, revokedAt: null, ...(opts.keep ? { id: { not: opts.keep } } : {}) },
    data: { revokedAt: new Date() },
  });
  return r.count;
}

export async function listLiveSessions(db: Db, userId: number) {
  return db.userSession.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, createdAt: true, lastSeenAt: true, ip: true, userAgent: true },
    orderBy: { lastSeenAt: "desc" },
  });
}
