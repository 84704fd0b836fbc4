"use client";
import { queryOptions, useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useCallback } from "react";
import { apiFetch } from "@/lib/api-client";
import type { EventMessage } from "@/lib/events/types";
import type { VpsView } from "@/lib/vps/view";
import { compareVps, matchesVpsFilter, vpsFilterQuery, type VpsFilter } from "@/lib/vps/vps-filter";
import { useLiveEvents, useOnReconnect } from "@/components/realtime/use-live-events";

export async function fetchOwnVps(): Promise<VpsView[]> {
  return (await apiFetch<{ vps: VpsView[] }>("/api/vps")).vps;
}

const OWN = ["vps", "own"] as const;

/** One cache entry per filter; refetches filter and sort the own list the way the page does. */
export const ownVpsQueryOptions = (filter: VpsFilter, initial?: VpsView[]) =>
  queryOptions({
    queryKey: [...OWN, vpsFilterQuery(filter)],
    queryFn: async () => (await fetchOwnVps()).filter((v) => matchesVpsFilter(v, filter)).sort(compareVps(filter)),
    initialData: initial,
    staleTime: 30_000,
    // A filter left behind is dropped at once: coming back to it starts from the server's
    // fresh render, not from a list that stopped receiving live events.
    gcTime: 0,
  });

/** Applies a live VPS change to one filtered list: add, replace, drop, re-sort. */
export function applyVpsEvent(list: VpsView[], e: EventMessage, filter: VpsFilter): VpsView[] {
  const v = (e.payload as { vps?: VpsView }).vps;
  if (!v) return list;
  const i = list.findIndex((x) => x.id === v.id);
  // Events may arrive out of order across processes: keep the newest version.
  if (i !== -1 && list[i].updated_at > v.updated_at) return list;
  const rest = i === -1 ? list : list.filter((x) => x.id !== v.id);
  if (e.type === "vps.deleted" || !matchesVpsFilter(v, filter)) return i === -1 ? list : rest;
  if (i === -1 && e.type !== "vps.created") return list; // not ours to show (e.g. an admin's socket)
  return [...rest, v].sort(compareVps(filter));
}

/** The user's VPS for one filter, kept current by live events without refetching. */
export function useOwnVps(userId: number, filter: VpsFilter, initial?: VpsView[]) {
  const qc = useQueryClient();
  const query = useQuery(ownVpsQueryOptions(filter, initial));
  const fq = vpsFilterQuery(filter);
  const onEvent = useCallback(
    (e: EventMessage) => {
      const v = (e.payload as { vps?: VpsView }).vps;
      // Admins' sockets see every event; this list holds only the user's own VPS.
      if (!v || v.user_id !== userId) return;
      const key: QueryKey = [...OWN, fq];
      const list = qc.getQueryData<VpsView[]>(key);
      if (!list) return;
      // A VPS that left this filter may match it again later: then it is in neither list, so
      // a status change into the filter refetches.
      if (e.type !== "vps.created" && !list.some((x) => x.id === v.id) && matchesVpsFilter(v, filter)) {
        void qc.invalidateQueries({ queryKey: key });
        return;
      }
      qc.setQueryData<VpsView[]>(key, applyVpsEvent(list, e, filter));
    },
    [qc, userId, fq, filter],
  );
  useLiveEvents(["vps.created", "vps.updated", "vps.status_changed", "vps.deleted", "vps.action_resolved"], onEvent);
  // Events missed while disconnected are recovered by refetching once reconnected.
  useOnReconnect(useCallback(() => void qc.invalidateQueries({ queryKey: OWN }), [qc]));
  return query;
}
