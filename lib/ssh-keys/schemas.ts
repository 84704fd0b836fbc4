// SSH keys' request schemas and view (PRODUCT.md §9): `{"name","public_key"}`. Browser-safe:
// the /ssh-keys page checks the same limits before it asks. The key itself is parsed on the
// server (parse-public-key.ts).
import { z } from "zod";

export const SSH_KEY_NAME_MAX = 100;
/** A 16384-bit RSA key is ~2.8 KB of base64; anything longer is not a public key line. */
export const SSH_PUBLIC_KEY_MAX = 8192;
/** Keys one user may keep. */
export const SSH_KEYS_MAX = 50;

export const createSshKeyBody = z
  .object({
    name: z.string({ error: "name is required" }).trim().min(1, "name is required").max(SSH_KEY_NAME_MAX, `name must be at most ${SSH_KEY_NAME_MAX} characters`),
    public_key: z
      .string({ error: "public_key is required" })
      .trim()
      .min(1, "public_key is required")
      .max(SSH_PUBLIC_KEY_MAX, `public_key must be at most ${SSH_PUBLIC_KEY_MAX} characters`),
  })
  .strict();
export type CreateSshKeyBody = z.infer<typeof createSshKeyBody>;

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
