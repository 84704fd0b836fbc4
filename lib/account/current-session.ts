// The caller's own server-side session id, from a route handler's Request or a page's headers().
import { getEnv } from "../env";
import { sessionIdFromHeaders } from "../auth/user-sessions";

export async function currentSessionId(headers: Headers): Promise<string | null> {
  const token = await sessionIdFromHeaders(Object.fromEntries(headers), getEnv().NEXTAUTH_SECRET);
  return token?.sid ?? null;
}
