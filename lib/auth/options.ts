// next-auth configuration: Credentials (login = email or username) with JWT sessions.
// The session callback re-reads the user so role and locale changes apply at once and a
// deleted user loses access.
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "../db";
import { getEnv } from "../env";
import { log } from "../log";
import { DUMMY_HASH, verifyPassword } from "./password";
import { CLIENT_ADDRESS_HEADER } from "../http/client-address";
import { getLoginThrottle } from "./throttle";
import { recordSignInAttempt } from "../audit/record-sign-in";

const credentials = z.object({
  login: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1024),
});

export type Role = "client" | "admin";

export interface SessionUser {
  id: number;
  email: string;
  name: string | null;
  role: Role;
  locale: string;
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
    select: { id: true, email: true, name: true, role: true, locale: true, passwordHash: true },
  });
}

export function authOptions(): AuthOptions {
  const env = getEnv();
  return {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 7 * 24 * 3600 },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "credentials",
        credentials: { login: { type: "text" }, password: { type: "password" } },
        async authorize(input, req) {
          const parsed = credentials.safeParse(input);
          if (!parsed.success) return null;
          const { login, password } = parsed.data;
          const db = await getDb();
          const throttle = getLoginThrottle(db);
          const ip = clientIp(req?.headers as Record<string, string> | undefined);
          const wait = await throttle.blockedFor(login, ip);
          if (wait > 0) throw new Error(`throttled:${wait}`);
          const user = await findUserByLogin(login);
          const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
          await recordSignInAttempt(db, { user, ok, headers: req?.headers as Record<string, string> | undefined });
          if (!user || !ok) {
            await throttle.recordFailure(login, ip);
            log.info("login failed", { ip });
            return null;
          }
          await throttle.recordSuccess(login, ip);
          return { id: String(user.id), email: user.email, name: user.name };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) token.uid = Number(user.id);
        return token;
      },
      async session({ session, token }) {
        const db = await getDb();
        const user = token.uid
          ? await db.user.findUnique({
              where: { id: Number(token.uid) },
              select: { id: true, email: true, name: true, role: true, locale: true },
            })
          : null;
        // An empty session for a user who no longer exists: the app treats it as signed out.
        return { ...session, user: user ?? undefined } as typeof session;
      },
    },
  };
}

declare module "next-auth" {
  interface Session {
    user?: SessionUser;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    uid?: number;
  }
}
