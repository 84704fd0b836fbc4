// Encryption of secrets the panel must read back (webhook secrets, VPS root passwords):
// AES-256-GCM with a key derived by HKDF-SHA256 from PANEL_ENCRYPTION_KEY, or from
// NEXTAUTH_SECRET when that is not set. Sealed form: "v1." + base64url(iv ‖ tag ‖ ciphertext).
// Changing the source secret makes existing sealed values unreadable (openSecret throws).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { getEnv } from "../env";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

const cache = new Map<string, Buffer>();

function key(): Buffer {
  const env = getEnv();
  const source = env.PANEL_ENCRYPTION_KEY ?? env.NEXTAUTH_SECRET;
  let k = cache.get(source);
  if (!k) {
    k = Buffer.from(hkdfSync("sha256", Buffer.from(source, "utf8"), Buffer.from("ospab-panel"), Buffer.from("secret-box v1"), 32));
    cache.set(source, k);
  }
  return k;
}

export function sealSecret(plain: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString("base64url")}`;
}

export function openSecret(sealed: string): string {
  const [version, data] = sealed.split(".", 2);
  if (version !== VERSION || !data) throw new Error("secret-box: unknown sealed format");
  const buf = Buffer.from(data, "base64url");
  if (buf.length < IV_BYTES + TAG_BYTES) throw new Error("secret-box: sealed value too short");
  const decipher = createDecipheriv("aes-256-gcm", key(), buf.subarray(0, IV_BYTES));
  decipher.setAuthTag(buf.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(buf.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("secret-box: cannot decrypt (was PANEL_ENCRYPTION_KEY or NEXTAUTH_SECRET changed?)");
  }
}
