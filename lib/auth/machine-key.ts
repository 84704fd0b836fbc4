// The main site's shared key (X-API-Key). Compared in constant time: both sides are hashed
// to equal-length digests first, and every configured key is checked (current and, during
// rotation, previous) whatever the outcome.
import { createHash, timingSafeEqual } from "node:crypto";
import { getEnv } from "../env";

const digest = (v: string) => createHash("sha256").update(v, "utf8").digest();

// The configured keys' digests, computed once per key (every sync request checks them).
const keyDigests = new Map<string, Buffer>();
function keyDigest(k: string): Buffer {
  let d = keyDigests.get(k);
  if (!d) {
    if (keyDigests.size > 16) keyDigests.clear();
    keyDigests.set(k, (d = digest(k)));
  }
  return d;
}

export function acceptedSyncKeys(): string[] {
  const env = getEnv();
  return [env.VPS_SYNC_API_KEY, env.VPS_SYNC_API_KEY_PREVIOUS].filter((k): k is string => !!k);
}

export function isValidSyncKey(presented: string | null | undefined, keys = acceptedSyncKeys()): boolean {
  if (!presented) return false;
  const got = digest(presented);
  let ok = false;
  for (const k of keys) ok = timingSafeEqual(got, keyDigest(k)) || ok;
  return ok;
}
