// Reading the client's VPS list query from a URL (zod; server side: pages and routes).
import { z } from "zod";
import { VPS_STATUSES } from "./view";
import { pageParam } from "../list/page";
import { DEFAULT_DIR, VPS_SORTS, type VpsFilter } from "./vps-filter";

export const vpsFilterSchema = z.object({
  q: z.string().trim().max(100).default(""),
  status: z.enum(VPS_STATUSES).optional(),
  sort: z.enum(VPS_SORTS).default("created"),
  dir: z.enum(["asc", "desc"]).optional(),
});
export type VpsFilterInput = z.input<typeof vpsFilterSchema>;

type SearchParams = Record<string, string | string[] | undefined>;

function first(v: string | string[] | undefined) {
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Reads a filter from page search params. A page is forgiving: a value that does not
 * parse falls back to its default instead of failing the page (API routes use the
 * schema strictly and answer 400).
 */
export function parseVpsFilter(params: SearchParams): VpsFilter {
  const shape = vpsFilterSchema.shape;
  const pick = <K extends keyof typeof shape>(k: K) => {
    const r = shape[k].safeParse(first(params[k]) || undefined);
    return r.success ? (r.data as z.infer<(typeof shape)[K]>) : undefined;
  };
  const sort = pick("sort") ?? "created";
  return { q: pick("q") ?? "", status: pick("status"), sort, dir: pick("dir") ?? DEFAULT_DIR[sort] };
}

/** The list page of the URL (1 when absent or not a page number). */
export function parseVpsPage(params: SearchParams): number {
  const r = pageParam.safeParse(first(params.page) || undefined);
  return r.success ? r.data : 1;
}
