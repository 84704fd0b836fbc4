// Secrets at rest (VPS root passwords, stored idempotent replies): AES-256-GCM with a key
// derived by HKDF from PANEL_ENCRYPTION_KEY, or from NEXTAUTH_SECRET when that is unset.
// The `purpose` is bound as associated data, so a ciphertext cannot be moved to another
// column and still decrypt. Format: v1.<iv>.<tag>.<ciphertext> (base64url).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { getEnv } from "../env";

const VERSION = "v1";
const store = globalThis as unknown as { __ospabSecretKey?: { source: string; key: Buffer } };

export function deriveKey(material: string): Buffer {
  return Buffer.from(hkdfSync("sha256", material, "ospab-panel", "secret-box v1", 32));
}

function key(): Buffer {
  const env = getEnv();
  const source = env.PANEL_ENCRYPTION_KEY ?? env.NEXTAUTH_SECRET;
  if (store.__ospabSecretKey?.source !== source) store.__ospabSecretKey = { source, key: deriveKey(source) };
  return store.__ospabSecretKey.key;
}

export function encryptSecret(plain: string, purpose: string, k: Buffer = key()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", k, iv);
  cipher.setAAD(Buffer.from(purpose));
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ct.toString("base64url")].join(".");
}

/** Throws when the value was not made by encryptSecret with this key and purpose. */
export function decryptSecret(sealed: string, purpose: string, k: Buffer = key()): string {
  const [version, iv, tag, ct] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || ct === undefined) throw new Error("secret-box: unknown format");
  const decipher = createDecipheriv("aes-256-gcm", k, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(purpose));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
}
