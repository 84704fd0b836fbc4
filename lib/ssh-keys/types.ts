// SSH keys' limits and view (PRODUCT.md §9), without zod: the /ssh-keys page checks the
// same limits before it asks and must not download the schema library for two numbers.
// The request schema is lib/ssh-keys/schemas.ts; the key itself is parsed on the server
// (parse-public-key.ts).
export const SSH_KEY_NAME_MAX = 100;
/** A 16384-bit RSA key is ~2.8 KB of base64; anything longer is not a public key line. */
export const SSH_PUBLIC_KEY_MAX = 8192;
/** Keys one user may keep. */
export const SSH_KEYS_MAX = 50;

export interface SshKeyView {
  id: number;
  name: string;
  /** "ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa". */
  type: string;
  bits: number;
  /** "SHA256:…", as `ssh-keygen -l` prints it. */
  fingerprint: string;
  public_key: string;
  created_at: string;
}
