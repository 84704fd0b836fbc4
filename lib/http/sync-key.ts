// The main site's machine credential: `X-API-Key` must equal VPS_SYNC_API_KEY (or, during a
// rotation, VPS_SYNC_API_KEY_PREVIOUS). Compared in constant time.
import { createHash, timingSafeEqual } from "node:crypto";
import { getEnv } from "../env";
import { unauthorized } from "../errors";

const digest = (s: string) => createHash("sha256").update(s).digest();

export function isSyncKey(presented: string | null | undefined): boolean {
  if (!presented) return false;
  const env = getEnv();
  const given = digest(presented);
  return [env.VPS_SYNC_API_KEY, env.VPS_SYNC_API_KEY_PREVIOUS]
    .filter((k): k is string => !!k)
    .some((k) => timingSafeEqual(digest(k), given));
}

export function requireSyncKey(req: Request): void {
  if (!isSyncKey(req.headers.get("x-api-key"))) throw unauthorized("Invalid or missing API key");
}
