// Query parameters of the admin lists. API routes parse them strictly (400 on a bad value);
// pages parse them leniently (a bad value falls back to its default) so a mangled link
// still opens. Browser-safe.
import { z } from "zod";

// The schemas live in ./schemas.ts; re-exported for the pages' existing imports.
export {
  adminOrdersQuerySchema,
  adminUsersQuerySchema,
  adminVpsQuerySchema,
  type AdminOrdersQuery,
  type AdminUsersQuery,
  type AdminVpsQuery,
} from "./schemas";
export { PER_PAGE_DEFAULT, PER_PAGE_MAX, type Page } from "../list/page";

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
