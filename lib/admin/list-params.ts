// Query parameters of the admin lists. API routes parse them strictly (400 on a bad value);
// pages parse them leniently (a bad value falls back to its default) so a mangled link
// still opens. Browser-safe.
import { z } from "zod";
import { VPS_STATUSES } from "../vps/view";
import { VPS_SORTS } from "../vps/vps-filter";
import { pageParam as page, perPageParam as perPage } from "../list/page";

export { PER_PAGE_DEFAULT, PER_PAGE_MAX, type Page } from "../list/page";
const q = z.string().trim().max(100).default("");

export const adminVpsQuerySchema = z.object({
  q,
  status: z.enum(VPS_STATUSES).optional(),
  /** A user id, or an email / username fragment. */
  owner: z.string().trim().max(254).optional(),
  sort: z.enum(VPS_SORTS).default("created"),
  dir: z.enum(["asc", "desc"]).optional(),
  page,
  per_page: perPage,
});
export type AdminVpsQuery = z.infer<typeof adminVpsQuerySchema>;

export const adminUsersQuerySchema = z.object({
  q,
  role: z.enum(["client", "admin"]).optional(),
  page,
  per_page: perPage,
});
export type AdminUsersQuery = z.infer<typeof adminUsersQuerySchema>;

type SearchParams = Record<string, string | string[] | undefined>;

/** Each field on its own: a value that does not parse becomes the field's default. */
export function parseLenient<S extends z.ZodObject>(schema: S, params: SearchParams): z.infer<S> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape) as [string, z.ZodType][]) {
    const raw = params[key];
    const value = (Array.isArray(raw) ? raw[0] : raw) || undefined;
    const r = field.safeParse(value);
    out[key] = r.success ? r.data : field.safeParse(undefined).data;
  }
  return out as z.infer<S>;
}
