// Token secrets: `osp_` + 32 random bytes in base62 (43 characters). Only the SHA-256
// of a token is stored; the first characters are kept as a display prefix.
import { createHash, randomBytes } from "node:crypto";
import { TOKEN_PREFIX } from "./scopes";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export function base62(bytes: Buffer): string {
  let n = BigInt(`0x${bytes.toString("hex")}`);
  let out = "";
  while (n > 0n) {
    out = ALPHABET[Number(n % 62n)] + out;
    n /= 62n;
  }
  // Fixed width: 32 bytes always fit in 43 base62 digits.
  return out.padStart(43, "0");
}

export function generateTokenSecret(): string {
  return TOKEN_PREFIX + base62(randomBytes(32));
}

export function hashToken(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** What lists show: enough to tell tokens apart, useless to an attacker. */
export function displayPrefix(secret: string): string {
  return secret.slice(0, TOKEN_PREFIX.length + 6);
}

export function looksLikeToken(value: string): boolean {
  return value.startsWith(TOKEN_PREFIX) && /^osp_[0-9A-Za-z]{43}$/.test(value);
}
