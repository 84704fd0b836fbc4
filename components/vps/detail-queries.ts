"use client";
// The VPS detail page's state: the VPS, its pending action request and its activity, first
// from the server render, then kept current by live events (no polling, no reload).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { ApiError, apiFetch } from "@/lib/api-client";
import type { EventMessage } from "@/lib/events/types";
import { toActivityEntry } from "@/lib/vps/activity";
import type { VpsDetail } from "@/lib/vps/get-vps-detail";
import type { VpsActionInput, VpsActionRequestView } from "@/lib/vps/vps-actions";
import type { VpsView } from "@/lib/vps/view";
import { useLiveEvents } from "@/components/realtime/use-live-events";

export interface VpsDetailState extends VpsDetail {
  deleted: boolean;
  /** Requests already resolved, so a late POST response does not bring one back as pending. */
  resolvedIds: number[];
}

export const vpsDetailKey = (id: number) => ["vps", id, "detail"] as const;

/** The events the page follows live; each that is not progress becomes an activity entry, as on the first render. */
export const LIVE_TYPES = [
  "vps.status_changed",
  "vps.updated",
  "vps.deleted",
  "vps.action_requested",
  "vps.action_progress",
  "vps.action_resolved",
  "vps.alert",
  "vps.alert_resolved",
  "vps.traffic_quota",
] as const;

/**
 * Whether a live event is about VPS `id`: VPS events carry the VPS (`payload.vps`), alert and
 * traffic events only its id (`payload.vps_id`, docs/alerts.md).
 */
export function isEventForVps(e: Pick<EventMessage, "payload">, id: number): boolean {
  const p = e.payload as { vps?: { id?: unknown }; vps_id?: unknown };
  return p.vps?.id === id || (p.vps === undefined && p.vps_id === id);
}

function compareEventIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function applyDetailEvent(s: VpsDetailState, e: EventMessage): VpsDetailState {
  const p = e.payload as { vps?: VpsView; request_id?: number; action?: string; params?: { name?: string }; changed?: string[] };
  if (s.activity.some((a) => a.id === String(e.id))) return s;
  // Progress updates the open request in place (the main site may report often): no
  // activity entry of its own; an older report than the one shown is ignored.
  if (e.type === "vps.action_progress") {
    const r = (e.payload as { request?: VpsActionRequestView }).request;
    if (!r || s.resolvedIds.includes(r.id) || s.pendingAction?.id !== r.id) return s;
    if (s.pendingAction.updated_at > r.updated_at) return s;
    return { ...s, pendingAction: r };
  }
  // Delivery order is not event order (the socket.io cluster adapter publishes through a
  // connection pool before delivering), so the timeline is kept sorted by event id.
  const activity = [toActivityEntry(e), ...s.activity].sort((a, b) => compareEventIds(b.id, a.id));
  const next: VpsDetailState = { ...s, activity };
  // Events may arrive out of order across processes: keep the newest version of the VPS.
  if (p.vps && p.vps.updated_at >= s.vps.updated_at) next.vps = p.vps;
  if (e.type === "vps.deleted") next.deleted = true;
  if (e.type === "vps.updated" && p.changed?.some((f) => f === "root_password" || f === "rootPasswordEnc")) next.hasRootPassword = true;
  if (e.type === "vps.action_requested" && typeof p.request_id === "number" && !s.resolvedIds.includes(p.request_id)) {
    next.pendingAction = {
      id: p.request_id,
      vps_id: s.vps.id,
      action: p.action as VpsActionRequestView["action"],
      params: p.params?.name ? { name: p.params.name } : {},
      status: "pending",
      progress: null,
      message: null,
      result: null,
      created_at: e.timestamp,
      updated_at: e.timestamp,
      resolved_at: null,
    };
  }
  if (e.type === "vps.action_resolved" && typeof p.request_id === "number") {
    next.resolvedIds = [...s.resolvedIds, p.request_id];
    if (s.pendingAction?.id === p.request_id) next.pendingAction = null;
  }
  return next;
}

export function useVpsDetail(initial: VpsDetail) {
  const qc = useQueryClient();
  const key = vpsDetailKey(initial.vps.id);
  const query = useQuery({
    queryKey: key,
    queryFn: () => qc.getQueryData<VpsDetailState>(key)!,
    initialData: { ...initial, deleted: false, resolvedIds: [] } as VpsDetailState,
    staleTime: Infinity,
    gcTime: 0,
  });
  const id = initial.vps.id;
  const onEvent = useCallback(
    (e: EventMessage) => {
      if (!isEventForVps(e, id)) return;
      qc.setQueryData<VpsDetailState>(vpsDetailKey(id), (s) => (s ? applyDetailEvent(s, e) : s));
    },
    [qc, id],
  );
  useLiveEvents([...LIVE_TYPES], onEvent);
  return query.data;
}

export function useRequestVpsAction(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: VpsActionInput): Promise<VpsActionRequestView> => {
      const body = await apiFetch<{ request?: VpsActionRequestView }>(`/api/vps/${id}/actions`, { method: "POST", body: input });
      // A 2xx without the request is not an answer this page can show.
      if (!body?.request) throw new ApiError(200, "No action request in the answer");
      return body.request;
    },
    onSuccess: (request) => {
      qc.setQueryData<VpsDetailState>(vpsDetailKey(id), (s) =>
        s && !s.resolvedIds.includes(request.id) ? { ...s, pendingAction: request } : s,
      );
    },
  });
}
