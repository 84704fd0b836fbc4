// next-auth configuration: Credentials (login = email or username) with JWT sessions.
// The session callback re-reads the user through the server-side session (sid in the JWT),
// so role and locale changes apply at once, and a revoked session or deleted user loses access.
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "../db";
import { getEnv } from "../env";
import { log } from "../log";
import { DUMMY_HASH, verifyPassword } from "./password";
import { CLIENT_ADDRESS_HEADER } from "../http/client-address";
import { accountKey, throttledCheck } from "./throttle";
import { isTotpCode, verifySecondFactor } from "./two-factor";
import { mustSetUp2fa } from "./two-factor-policy";
import { createUserSession, findLiveSession, revokeSession, SESSION_MAX_AGE_S } from "./user-sessions";
import { recordSignInAttempt, recordSignOut } from "../audit/record-sign-in";

const credentials = z.object({
  login: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1024),
  // The second factor (TOTP or recovery code) of an account with 2FA on.
  code: z.string().trim().max(64).optional(),
});

export type Role = "client" | "admin";

export interface SessionUser {
  id: number;
  email: string;
  name: string | null;
  role: Role;
  locale: string;
  /** Their chosen IANA zone, null when they chose none (lib/i18n/time-zone.ts). */
  timeZone: string | null;
  twoFactor: boolean;
  /** ADMIN_REQUIRE_2FA=1 and this admin has no 2FA yet: only /account is open to them. */
  mustSetUp2fa: boolean;
}

/** The caller's address as server.ts established it (see lib/http/client-address.ts). */
export function clientIp(headers: Record<string, string | string[] | undefined> | undefined): string {
  const v = headers?.[CLIENT_ADDRESS_HEADER];
  return (Array.isArray(v) ? v[0] : v) || "unknown";
}

export async function findUserByLogin(login: string) {
  const db = await getDb();
  const value = login.trim();
  return db.user.findFirst({
    where: value.includes("@") ? { email: value.toLowerCase() } : { username: value },
    select: { id: true, email: true, name: true, role: true, locale: true, passwordHash: true, totpEnabledAt: true },
  });
}

export function authOptions(): AuthOptions {
  const env = getEnv();
  return {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "credentials",
        credentials: { login: { type: "text" }, password: { type: "password" }, code: { type: "text" } },
        async authorize(input, req) {
          const parsed = credentials.safeParse(input);
          if (!parsed.success) return null;
          const { login, password } = parsed.data;
          const ip = clientIp(req?.headers as Record<string, string> | undefined);
          const user = await findUserByLogin(login);
          const db = await getDb();
          // The attempt is paid for before the hash is checked (lib/auth/throttle.ts); the
          // second factor is part of the same paid check, so codes cannot be guessed freely.
          let secondFactor = "ok" as "ok" | "required" | "invalid";
          const ok = await throttledCheck(db, { account: accountKey(login, user?.id), ip }, async () => {
            if (!(await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH)) || !user) return false;
            if (!user.totpEnabledAt) return true;
            // The password was right: the form now asks for the code (lib/auth/two-factor.ts).
            if (!parsed.data.code) secondFactor = "required";
            else if (!(await verifySecondFactor(db, user.id, parsed.data.code))) secondFactor = "invalid";
            return secondFactor === "ok";
          });
          if (secondFactor === "required") throw new Error("2fa_required");
          const method = !user?.totpEnabledAt ? "password" : parsed.data.code && isTotpCode(parsed.data.code) ? "password+totp" : "password+recovery_code";
          await recordSignInAttempt(db, { user, ok, method, reason: secondFactor === "invalid" ? "second_factor_invalid" : undefined, headers: req?.headers as Record<string, string> | undefined });
          if (secondFactor === "invalid") {
            log.info("login failed: wrong second factor", { ip });
            throw new Error("2fa_invalid");
          }
          if (!user || !ok) {
            log.info("login failed", { ip });
            return null;
          }
          const agent = req?.headers?.["user-agent"];
          return { id: String(user.id), email: user.email, name: user.name, ip, userAgent: typeof agent === "string" ? agent : undefined };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.uid = Number(user.id);
          token.sid = await createUserSession(await getDb(), { userId: token.uid, ip: user.ip, userAgent: user.userAgent });
        }
        return token;
      },
      async session({ session, token }) {
        const live = await findLiveSession(await getDb(), token.sid, token.uid);
        // An empty session for a revoked, expired or unknown sid (or a deleted user): the app
        // treats it as signed out.
        const user: SessionUser | undefined = live
          ? { ...live.user, mustSetUp2fa: mustSetUp2fa(live.user) }
          : undefined;
        return { ...session, user } as typeof session;
      },
    },
    events: {
      async signOut({ token }) {
        if (!token?.sid || !token.uid) return;
        const userId = Number(token.uid);
        const sid = token.sid;
        await (await getDb()).$transaction(async (tx) => {
          if (await revokeSession(tx, userId, sid)) await recordSignOut(tx, userId);
        });
      },
    },
  };
}

declare module "next-auth" {
  interface Session {
    user?: SessionUser;
  }
  interface User {
    ip?: string;
    userAgent?: string;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    uid?: number;
    /** user_sessions.id: the server-side session this JWT belongs to. */
    sid?: string;
  }
}
