// The users domain's request schemas. Browser-safe.
import { z } from "zod";

/** POST /api/users/sync — the main site's find-or-create by email. */
export const syncUserSchema = z.object({
  email: z.email("email must be an email address").max(254, "email must be at most 254 characters"),
  name: z.string().trim().min(1, "name must not be empty").max(255, "name must be at most 255 characters").nullish(),
  username: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/, "username must be 2-64 letters, digits, dots, dashes or underscores")
    .nullish(),
  password: z.string().min(8, "password must be at least 8 characters").max(1024, "password must be at most 1024 characters").nullish(),
});
export type SyncUserInput = z.infer<typeof syncUserSchema>;
