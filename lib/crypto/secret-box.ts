// Secrets the panel must be able to read back (a VPS's root password) are stored sealed
// with AES-256-GCM. The key is derived with HKDF-SHA256 from PANEL_ENCRYPTION_KEY, or from
// NEXTAUTH_SECRET when that is not set: set PANEL_ENCRYPTION_KEY if you ever intend to
// rotate NEXTAUTH_SECRET, or stored secrets become unreadable.
// Sealed form: "v1:" + base64url(iv[12] | tag[16] | ciphertext).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { getEnv } from "../env";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

export class SecretBoxError extends Error {}

/** A box over explicit key material (tests, scripts); the app uses sealSecret/openSecret. */
export function createSecretBox(keyMaterial: string): SecretBox {
  const key = Buffer.from(hkdfSync("sha256", keyMaterial, "ospab-panel", "secret-box v1", 32));
  return {
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
    },
    open(sealed) {
      const [version, data] = sealed.split(":", 2);
      if (version !== VERSION || !data) throw new SecretBoxError("unknown sealed secret format");
      const raw = Buffer.from(data, "base64url");
      if (raw.length < IV_BYTES + TAG_BYTES) throw new SecretBoxError("sealed secret is truncated");
      const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      try {
        return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
      } catch {
        throw new SecretBoxError("sealed secret cannot be opened with the current key (was PANEL_ENCRYPTION_KEY or NEXTAUTH_SECRET changed?)");
      }
    },
  };
}

const store = globalThis as unknown as { __ospabSecretBox?: SecretBox };

function box(): SecretBox {
  if (!store.__ospabSecretBox) {
    const env = getEnv();
    store.__ospabSecretBox = createSecretBox(env.PANEL_ENCRYPTION_KEY ?? env.NEXTAUTH_SECRET);
  }
  return store.__ospabSecretBox;
}

/** Encrypts a secret for storage. */
export function sealSecret(plain: string): string {
  return box().seal(plain);
}

/** Decrypts a stored secret; throws SecretBoxError when it was sealed with another key or altered. */
export function openSecret(sealed: string): string {
  return box().open(sealed);
}
