// How a live VPS event changes one server-rendered page of the client's list (search,
// status filter, sort and page all come from the URL). A row on screen is replaced in
// place when it still belongs where it is; anything that may move rows between pages
// (a VPS created or deleted, a row leaving the filter or changing its sort key, a VPS from
// another page entering the filter) asks for the page again from the server instead,
// which alone knows the neighbours. Browser-safe.
import type { EventMessage } from "../events/types";
import type { VpsView } from "./view";
import { isFilterActive, matchesVpsFilter, type VpsFilter } from "./vps-filter";

export type LivePageChange = { kind: "none" } | { kind: "rows"; rows: VpsView[] } | { kind: "refresh" };

const NONE: LivePageChange = { kind: "none" };
const REFRESH: LivePageChange = { kind: "refresh" };

function sortKey(v: VpsView, f: VpsFilter): string {
  return f.sort === "name" ? v.name : f.sort === "status" ? v.status : v.created_at;
}

export function applyLiveVps(rows: readonly VpsView[], e: Pick<EventMessage, "type" | "payload">, filter: VpsFilter, userId: number): LivePageChange {
  const v = (e.payload as { vps?: VpsView }).vps;
  // Admins' sockets see every event; this list holds only the user's own VPS.
  if (!v || v.user_id !== userId) return NONE;
  const i = rows.findIndex((x) => x.id === v.id);
  if (i !== -1) {
    // Events may arrive out of order across processes: keep the newest version.
    if (rows[i].updated_at > v.updated_at) return NONE;
    if (e.type === "vps.deleted" || !matchesVpsFilter(v, filter) || sortKey(rows[i], filter) !== sortKey(v, filter)) return REFRESH;
    const next = [...rows];
    next[i] = v;
    return { kind: "rows", rows: next };
  }
  if (e.type === "vps.deleted") return REFRESH; // it may have been on an earlier page
  if (!matchesVpsFilter(v, filter)) return NONE;
  if (e.type === "vps.created") return REFRESH;
  // Off this page and matching: with the default order (newest first, no filter) it stays
  // where it was; with a filter or another order it may just have entered this page.
  return isFilterActive(filter) || filter.sort !== "created" ? REFRESH : NONE;
}
