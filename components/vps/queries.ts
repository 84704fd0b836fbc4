"use client";
import { queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { EventMessage } from "@/lib/events/types";
import type { VpsView } from "@/lib/vps/view";
import { useLiveEvents } from "@/components/realtime/use-live-events";

export async function fetchOwnVps(): Promise<VpsView[]> {
  const res = await fetch("/api/vps", { headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`GET /api/vps: ${res.status}`);
  return ((await res.json()) as { vps: VpsView[] }).vps;
}

export const ownVpsQueryOptions = (initial?: VpsView[]) =>
  queryOptions({ queryKey: ["vps", "own"], queryFn: fetchOwnVps, initialData: initial, staleTime: 30_000 });

/** The user's VPS, kept current by live events without refetching. */
export function useOwnVps(userId: number, initial?: VpsView[]) {
  const qc = useQueryClient();
  const query = useQuery(ownVpsQueryOptions(initial));
  const onEvent = useCallback(
    (e: EventMessage) => {
      const payload = e.payload as { vps?: VpsView };
      const key = ownVpsQueryOptions().queryKey;
      qc.setQueryData<VpsView[]>(key, (list) => {
        if (!list || !payload.vps) return list;
        const v = payload.vps;
        // Admins' sockets see every event; this list holds only the user's own VPS.
        if (v.user_id !== userId) return list;
        if (e.type === "vps.deleted") return list.filter((x) => x.id !== v.id);
        const i = list.findIndex((x) => x.id === v.id);
        if (i === -1) return e.type === "vps.created" ? [v, ...list] : list;
        // Events may arrive out of order across processes: keep the newest version.
        if (list[i].updated_at > v.updated_at) return list;
        const next = list.slice();
        next[i] = v;
        return next;
      });
    },
    [qc, userId],
  );
  useLiveEvents(["vps.created", "vps.updated", "vps.status_changed", "vps.deleted"], onEvent);
  return query;
}
