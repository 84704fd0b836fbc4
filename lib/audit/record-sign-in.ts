// Audits a password sign-in attempt from next-auth's authorize(). A failure names the
// account it tried (target) when that account exists; the typed login and the password are
// never stored (a login field sometimes holds a pasted password).
import type { Db } from "../db";
import { CLIENT_ADDRESS_HEADER } from "../http/client-address";
import { recordAudit } from "./record-audit";
import { currentRequestId } from "./request-scope";

type Headers = Record<string, string | string[] | undefined> | undefined;

export async function recordSignInAttempt(
  db: Db,
  attempt: { user: { id: number; email: string } | null; ok: boolean; method?: string; reason?: string; headers: Headers },
): Promise<void> {
  const { user, ok, headers } = attempt;
  const address = headers?.[CLIENT_ADDRESS_HEADER];
  const signedIn = ok && user !== null;
  await recordAudit(
    db,
    {
      actorType: "user",
      userId: signedIn ? user.id : null,
      tokenId: null,
      label: signedIn ? user.email : null,
      clientAddress: (Array.isArray(address) ? address[0] : address) || null,
      requestId: currentRequestId(),
    },
    {
      action: signedIn ? "auth.sign_in" : "auth.sign_in_failed",
      targetType: user ? "user" : null,
      targetId: user?.id ?? null,
      details: signedIn ? { method: attempt.method ?? "password" } : { reason: attempt.reason ?? (user ? "wrong_password" : "unknown_account") },
    },
  );
}

/** A sign-out (next-auth's signOut event), written with the session's revocation. */
export async function recordSignOut(tx: Parameters<typeof recordAudit>[0], userId: number): Promise<void> {
  await recordAudit(
    tx,
    { actorType: "user", userId, tokenId: null, label: null, clientAddress: null, requestId: currentRequestId() },
    { action: "auth.sign_out", targetType: "user", targetId: userId },
  );
}
