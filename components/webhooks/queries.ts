"use client";
// Fetchers, query options and mutations of the webhook admin pages.
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { DeliveryList } from "@/lib/webhooks/list-deliveries";
import type { WebhookList } from "@/lib/webhooks/list-webhooks";
import type { DeliveryStatus } from "@/lib/webhooks/schemas";
import type { DeliveryView, WebhookStats, WebhookView } from "@/lib/webhooks/view";

export const webhookKeys = {
  all: ["webhooks"] as const,
  list: () => [...webhookKeys.all, "list"] as const,
  stats: () => [...webhookKeys.all, "stats"] as const,
  one: (id: number) => [...webhookKeys.all, "one", id] as const,
  deliveries: (id: number, status: DeliveryStatus | "all", offset: number) => [...webhookKeys.all, "deliveries", id, status, offset] as const,
  delivery: (id: number, deliveryId: string) => [...webhookKeys.all, "delivery", id, deliveryId] as const,
};

export const webhooksQueryOptions = (initial?: WebhookList) =>
  queryOptions({ queryKey: webhookKeys.list(), queryFn: () => apiFetch<WebhookList>("/api/webhooks?limit=200"), initialData: initial, refetchInterval: 10_000 });

export const webhookStatsQueryOptions = (initial?: WebhookStats) =>
  queryOptions({ queryKey: webhookKeys.stats(), queryFn: () => apiFetch<WebhookStats>("/api/webhooks/stats"), initialData: initial, refetchInterval: 10_000 });

export const webhookQueryOptions = (id: number, initial?: WebhookView) =>
  queryOptions({ queryKey: webhookKeys.one(id), queryFn: () => apiFetch<WebhookView>(`/api/webhooks/${id}`), initialData: initial, refetchInterval: 10_000 });

export const PAGE_SIZE = 20;

export function useDeliveries(id: number, status: DeliveryStatus | "all", offset: number) {
  return useQuery({
    queryKey: webhookKeys.deliveries(id, status, offset),
    queryFn: () => apiFetch<DeliveryList>(`/api/webhooks/${id}/deliveries?limit=${PAGE_SIZE}&offset=${offset}${status === "all" ? "" : `&status=${status}`}`),
    placeholderData: keepPreviousData,
    refetchInterval: 5_000,
  });
}

export function useDelivery(id: number, deliveryId: string | null) {
  return useQuery({
    queryKey: webhookKeys.delivery(id, deliveryId ?? ""),
    queryFn: () => apiFetch<DeliveryView>(`/api/webhooks/${id}/deliveries/${deliveryId}`),
    enabled: deliveryId !== null,
    refetchInterval: 5_000,
  });
}

export type WebhookInput = {
  name: string;
  url: string;
  event_type: string[];
  secret?: string | null;
  description?: string | null;
  is_active?: boolean;
};

function useInvalidateAll() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: webhookKeys.all });
}

export function useSaveWebhook(id?: number) {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (input: Partial<WebhookInput>) =>
      id
        ? apiFetch<WebhookView>(`/api/webhooks/${id}`, { method: "PATCH", body: input })
        : apiFetch<WebhookView>("/api/webhooks", { method: "POST", body: input }),
    onSuccess: invalidate,
  });
}

export function useDeleteWebhook(id: number) {
  const invalidate = useInvalidateAll();
  return useMutation({ mutationFn: () => apiFetch<void>(`/api/webhooks/${id}`, { method: "DELETE" }), onSuccess: invalidate });
}

export function useTestWebhook(id: number) {
  const invalidate = useInvalidateAll();
  return useMutation({ mutationFn: () => apiFetch<DeliveryView>(`/api/webhooks/${id}/test`, { method: "POST" }), onSuccess: invalidate });
}

export function useRotateSecret(id: number) {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: () => apiFetch<{ webhook: WebhookView; secret: string }>(`/api/webhooks/${id}/rotate-secret`, { method: "POST" }),
    onSuccess: invalidate,
  });
}

export function useRedeliver(id: number) {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (deliveryId: string) => apiFetch<DeliveryView>(`/api/webhooks/${id}/deliveries/${deliveryId}/redeliver`, { method: "POST" }),
    onSuccess: invalidate,
  });
}
