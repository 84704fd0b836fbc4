// Session helpers for server components, server actions and route handlers.
import { getServerSession } from "next-auth";
import { cache } from "react";
import { redirect } from "next/navigation";
import { authOptions, type SessionUser } from "./options";

/**
 * Once per request: the layout, the page and the i18n helpers all ask, and each ask would
 * decode the JWT (HKDF) and read the user row again.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions());
  return session?.user ?? null;
});

/**
 * For pages: signed-out visitors go to the login page, and an admin who must still turn on
 * 2FA (ADMIN_REQUIRE_2FA=1) goes to /account, the one page that passes `allow2faSetup`.
 */
export async function requireUser(opts: { allow2faSetup?: boolean } = {}): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  if (user.mustSetUp2fa && !opts.allow2faSetup) redirect("/account");
  return user;
}

/** For admin pages: clients are sent to their own dashboard. */
export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== "admin") redirect("/dashboard");
  return user;
}
