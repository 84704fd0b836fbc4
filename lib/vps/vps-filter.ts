// The client's VPS list query (search, status, sort) as it travels in the URL, and the same
// matching and ordering in plain code so live events keep a filtered list right.
// Browser-safe and zod-free (it is in the dashboard's bundle); reading the query from a URL
// is in vps-filter-params.ts.
import { VPS_STATUSES, type VpsStatus, type VpsView } from "./view";
import { queryString } from "../utils/query-string";

export const VPS_SORTS = ["created", "name", "status"] as const;
export type VpsSort = (typeof VPS_SORTS)[number];
export type SortDir = "asc" | "desc";

export interface VpsFilter {
  q: string;
  status?: VpsStatus;
  sort: VpsSort;
  dir: SortDir;
}

export const DEFAULT_DIR: Record<VpsSort, SortDir> = { created: "desc", name: "asc", status: "asc" };

export function isFilterActive(f: VpsFilter) {
  return f.q !== "" || f.status !== undefined;
}

/** The URL query of a filter, without defaults, so links stay short and shareable. */
export function vpsFilterQuery(f: VpsFilter): string {
  return queryString({ q: f.q, status: f.status, sort: f.sort, dir: f.dir }, { sort: "created", dir: DEFAULT_DIR[f.sort] });
}

/** The URL query of a filter and a page (page 1 left out). */
export function vpsPageQuery(f: VpsFilter, page: number): string {
  return queryString({ q: f.q, status: f.status, sort: f.sort, dir: f.dir, page }, { sort: "created", dir: DEFAULT_DIR[f.sort], page: 1 });
}

export function matchesVpsFilter(v: VpsView, f: VpsFilter): boolean {
  if (f.status && v.status !== f.status) return false;
  if (!f.q) return true;
  const q = f.q.toLowerCase();
  return v.name.toLowerCase().includes(q) || (v.ip_address ?? "").toLowerCase().includes(q) || v.os.toLowerCase().includes(q);
}

const statusRank = (s: VpsStatus) => VPS_STATUSES.indexOf(s);

/** Same order as the database query: the sort key, then name, then id. */
export function compareVps(f: VpsFilter) {
  const sign = f.dir === "asc" ? 1 : -1;
  return (a: VpsView, b: VpsView): number => {
    let c = 0;
    if (f.sort === "created") c = a.created_at.localeCompare(b.created_at);
    else if (f.sort === "status") c = statusRank(a.status) - statusRank(b.status);
    else c = a.name.localeCompare(b.name);
    if (c !== 0) return sign * c;
    if (f.sort !== "name") {
      const n = a.name.localeCompare(b.name);
      if (n !== 0) return n;
    }
    return sign * (a.id - b.id);
  };
}
