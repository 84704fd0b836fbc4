// Who may open /ws with an API token, and as whom: a live token (not revoked, not expired)
// carrying events:read. The connection then carries only what the token's owner may see
// (canSee in ws-hub.ts). `?api_key=` is the seed's other name for the same personal API
// token, never the sync key. Used on upgrade and by every WS_RECHECK re-check, so a token
// that is revoked, expires, or loses its owner closes its feeds.
import type { Db } from "../db";
import { SET_UP_2FA_FIRST } from "../auth/two-factor-policy";
import { authenticateToken } from "../tokens/authenticate-token";
import { EVENTS_SCOPE } from "../tokens/scopes";

export type WsTokenCheck =
  | { ok: true; viewer: { userId: number; role: "client" | "admin" } }
  | { ok: false; status: 401 | 403; message: string };

export async function checkWsToken(db: Db, secret: string): Promise<WsTokenCheck> {
  const t = await authenticateToken(db, secret);
  if (!t) return { ok: false, status: 401, message: "Invalid, expired or revoked API token" };
  if (t.mustSetUp2fa) return { ok: false, status: 403, message: SET_UP_2FA_FIRST };
  if (!t.scopes.includes(EVENTS_SCOPE))
    return { ok: false, status: 403, message: `This API token lacks the ${EVENTS_SCOPE} scope that /ws needs: create a token with ${EVENTS_SCOPE}` };
  return { ok: true, viewer: { userId: t.userId, role: t.role } };
}
