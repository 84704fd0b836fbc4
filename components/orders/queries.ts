"use client";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { apiFetch } from "@/lib/api-client";
import type { EventMessage } from "@/lib/events/types";
import type { OrderView } from "@/lib/orders/view";
import type { VpsView } from "@/lib/vps/view";
import { useLiveEvents } from "@/components/realtime/use-live-events";

const OWN_ORDERS = ["orders", "own"] as const;

export const ownOrdersQueryOptions = (initial?: OrderView[]) =>
  queryOptions({
    queryKey: OWN_ORDERS,
    queryFn: async () => (await apiFetch<{ orders: OrderView[] }>("/api/orders")).orders,
    initialData: initial,
    staleTime: 30_000,
  });

function upsert(list: OrderView[], o: OrderView): OrderView[] {
  const i = list.findIndex((x) => x.id === o.id);
  if (i === -1) return [o, ...list].sort((a, b) => b.id - a.id);
  // Events may arrive out of order across processes: keep the newest version.
  if (list[i].updated_at > o.updated_at) return list;
  const next = list.slice();
  next[i] = o;
  return next;
}

/** The user's orders, kept current by order and VPS events without refetching. */
export function useOwnOrders(userId: number, initial?: OrderView[]) {
  const qc = useQueryClient();
  const query = useQuery(ownOrdersQueryOptions(initial));
  const onEvent = useCallback(
    (e: EventMessage) => {
      qc.setQueryData<OrderView[]>(OWN_ORDERS, (list) => {
        if (!list) return list;
        const { order, vps } = e.payload as { order?: OrderView; vps?: VpsView };
        // Admins' sockets see every event; this list holds only the user's own orders.
        if (order) return order.user_id === userId ? upsert(list, order) : list;
        if (vps?.order_id && vps.user_id === userId) {
          return list.map((o) =>
            o.id === vps.order_id
              ? { ...o, vps: e.type === "vps.deleted" ? null : { id: vps.id, name: vps.name, status: vps.status, ip_address: vps.ip_address } }
              : o,
          );
        }
        return list;
      });
    },
    [qc, userId],
  );
  useLiveEvents(["order.created", "order.status_changed", "vps.created", "vps.updated", "vps.status_changed", "vps.deleted"], onEvent);
  return query;
}

export function useCreateOrder() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: { plan_id: number; os: string }) =>
      (await apiFetch<{ order: OrderView }>("/api/orders", { method: "POST", body: input })).order,
    onSuccess: (order) => {
      qc.setQueryData<OrderView[]>(OWN_ORDERS, (list) => upsert(list ?? [], order));
    },
  });
}

/** The owner cancels an order nobody has started (DELETE /api/orders/:id). */
export function useCancelOrder() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: number) => (await apiFetch<{ order: OrderView }>(`/api/orders/${id}`, { method: "DELETE" })).order,
    onSuccess: (order) => {
      qc.setQueryData<OrderView[]>(OWN_ORDERS, (list) => upsert(list ?? [], order));
    },
    // A 409 means the main site got there first: refetch to show what it is doing.
    onError: () => qc.invalidateQueries({ queryKey: OWN_ORDERS }),
  });
}
