// Who may read the audit log: administrators signed in to the panel itself. A request that
// names another site in Origin (a cross-site fetch riding an admin's cookie) is refused
// even though the browser would hide the answer: the log holds every user's addresses.
// API tokens are not accepted (GET /api/audit is session-only, like /api/admin/users):
// no existing scope means "read the whole audit log", and none is added for it.
import { getEnv } from "../env";

export function isForeignOrigin(origin: string | null | undefined): boolean {
  if (!origin) return false;
  try {
    return new URL(origin).origin !== new URL(getEnv().NEXTAUTH_URL ?? process.env.NEXTAUTH_URL ?? "http://localhost").origin;
  } catch {
    return true;
  }
}
