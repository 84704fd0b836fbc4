// The plans domain's input schemas, shared by the admin API and the admin form. Browser-safe.
import { z } from "zod";

const osName = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(100, "at most 100 characters")
  // Commas separate OS names in text lists (Bitrix descr, form input); control characters never belong.
  .refine((s) => !s.includes(",") && [...s].every((c) => c.charCodeAt(0) >= 0x20), "must not contain commas or control characters");

/** Every field of a plan as the API takes it; PATCH takes any subset. */
export const planFields = {
  name: z.string().trim().min(1, "is required").max(100, "at most 100 characters"),
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, "use 1-63 lowercase letters, digits, dots, dashes or underscores"),
  cpu: z.number().int("must be a whole number").min(1, "at least 1").max(256, "at most 256"),
  ram: z.number().int("must be a whole number of MB").min(128, "at least 128 MB").max(4 * 1024 * 1024, "at most 4 TB"),
  disk: z.number().int("must be a whole number of GB").min(1, "at least 1 GB").max(1024 * 1024, "at most 1 PB"),
  os_choices: z
    .array(osName)
    .min(1, "list at least one operating system")
    .max(30, "at most 30 operating systems")
    .refine((l) => new Set(l.map((s) => s.toLowerCase())).size === l.length, "contains the same OS twice"),
  description: z.string().trim().max(2000, "at most 2000 characters"),
  price_monthly: z.number().int("must be a whole number").min(0, "must not be negative").max(100_000_000).nullable(),
  is_active: z.boolean(),
  /** Snapshots a VPS of this plan may keep (PRODUCT.md §9). */
  snapshot_limit: z.number().int("must be a whole number").min(0, "must not be negative").max(100, "at most 100"),
};

export const createPlanSchema = z.object({
  ...planFields,
  description: planFields.description.default(""),
  price_monthly: planFields.price_monthly.default(null),
  is_active: planFields.is_active.default(true),
  // Left out: the database's default (3).
  snapshot_limit: planFields.snapshot_limit.optional(),
});
export type CreatePlanInput = z.infer<typeof createPlanSchema>;

export const updatePlanSchema = z
  .object(planFields)
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, "send at least one field to change");
export type UpdatePlanInput = z.infer<typeof updatePlanSchema>;

/** GET /api/plans */
export const listPlansQuery = z.object({ all: z.enum(["0", "1", "true", "false"]).optional() });
