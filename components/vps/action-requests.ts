"use client";
// The VPS page's §9 requests (the live timeline): first from the server render, then kept
// current by the request views every lifecycle event carries (vps.action_requested,
// vps.action_progress, vps.action_resolved) — no polling, no reload. Ask, cancel and the
// one-time reveal are mutations that write their answer into the same list.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { apiFetch } from "@/lib/api-client";
import type { EventMessage } from "@/lib/events/types";
import type { ActionInput } from "@/lib/vps/actions/params";
import type { VpsActionRequestView } from "@/lib/vps/vps-actions";
import { useLiveEvents } from "@/components/realtime/use-live-events";

export const actionRequestsKey = (vpsId: number) => ["vps", vpsId, "requests"] as const;

const FINAL = new Set(["completed", "failed", "cancelled", "expired"]);
const LIMIT = 50;

/** Puts a request view into the list (newest id first). An older view of a request than the
 *  one shown is ignored, and an ended request never becomes open again (events may arrive
 *  out of order across panel processes). The reveal state only ever moves forward. */
export function mergeRequest(list: readonly VpsActionRequestView[], next: VpsActionRequestView): VpsActionRequestView[] {
  const i = list.findIndex((r) => r.id === next.id);
  if (i === -1) return [next, ...list].sort((a, b) => b.id - a.id).slice(0, LIMIT);
  const cur = list[i];
  if (FINAL.has(cur.status) && !FINAL.has(next.status)) return list as VpsActionRequestView[];
  if (!FINAL.has(next.status) && next.updated_at < cur.updated_at) return list as VpsActionRequestView[];
  if (FINAL.has(cur.status) && FINAL.has(next.status) && next.updated_at < cur.updated_at) return list as VpsActionRequestView[];
  const merged = { ...next, secret_result: cur.secret_result === "revealed" ? "revealed" : next.secret_result } as VpsActionRequestView;
  const out = [...list];
  out[i] = merged;
  return out;
}

export function useActionRequests(vpsId: number, initial: VpsActionRequestView[]) {
  const qc = useQueryClient();
  const key = actionRequestsKey(vpsId);
  const query = useQuery({
    queryKey: key,
    queryFn: async () => (await apiFetch<{ requests: VpsActionRequestView[] }>(`/api/vps/${vpsId}/actions`)).requests,
    initialData: initial,
    staleTime: Infinity,
  });
  const onEvent = useCallback(
    (e: EventMessage) => {
      const p = e.payload as { vps?: { id?: number }; request?: VpsActionRequestView };
      if (p.vps?.id !== vpsId || !p.request || p.request.vps_id !== vpsId) return;
      const request = p.request;
      qc.setQueryData<VpsActionRequestView[]>(actionRequestsKey(vpsId), (list) => mergeRequest(list ?? [], request));
    },
    [qc, vpsId],
  );
  useLiveEvents(["vps.action_requested", "vps.action_progress", "vps.action_resolved"], onEvent);
  return query.data;
}

/** Asks for an action; the answer (the pending request) joins the timeline at once. */
export function useAskAction(vpsId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: ActionInput) =>
      (await apiFetch<{ request: VpsActionRequestView }>(`/api/vps/${vpsId}/actions`, { method: "POST", body: input })).request,
    onSuccess: (request) => qc.setQueryData<VpsActionRequestView[]>(actionRequestsKey(vpsId), (list) => mergeRequest(list ?? [], request)),
  });
}

export function useCancelAction(vpsId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (requestId: number) =>
      (await apiFetch<{ request: VpsActionRequestView }>(`/api/vps/${vpsId}/actions/${requestId}`, { method: "DELETE" })).request,
    onSuccess: (request) => qc.setQueryData<VpsActionRequestView[]>(actionRequestsKey(vpsId), (list) => mergeRequest(list ?? [], request)),
  });
}

/** Marks a request's secret as revealed in the list (the reveal itself is in RevealDialog). */
export function useMarkRevealed(vpsId: number) {
  const qc = useQueryClient();
  return useCallback(
    (requestId: number) =>
      qc.setQueryData<VpsActionRequestView[]>(actionRequestsKey(vpsId), (list) =>
        (list ?? []).map((r) => (r.id === requestId ? { ...r, secret_result: "revealed" as const } : r)),
      ),
    [qc, vpsId],
  );
}
