// SSH keys' request schema (PRODUCT.md §9): `{"name","public_key"}`. The limits and the view
// are lib/ssh-keys/types.ts (zod-free, what the browser imports).
import { z } from "zod";
import { SSH_KEY_NAME_MAX, SSH_PUBLIC_KEY_MAX } from "./types";

export * from "./types";

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
