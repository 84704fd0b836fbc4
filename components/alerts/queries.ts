"use client";
// Alert rules for the rules UI: the caller's rules with their states (GET /api/alerts),
// create, edit (any field, or just on/off), delete; a `vps.alert`/`vps.alert_resolved` event re-reads the
// states, and so does a minute passing (pending ↔ ok changes send no event).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useLiveEvents } from "@/components/realtime/use-live-events";
import { apiFetch } from "@/lib/api-client";
import type { NotificationPreferences } from "@/lib/notifications/types";
import type { CreateAlertRuleBody, UpdateAlertRuleBody } from "@/lib/alerts/schemas";
import type { AlertRuleView } from "@/lib/alerts/types";

export const alertRulesKey = ["alerts"] as const;

export function useAlertRules() {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: alertRulesKey,
    queryFn: ({ signal }) => apiFetch<{ rules: AlertRuleView[] }>("/api/alerts", { signal }).then((r) => r.rules),
    refetchInterval: 60_000,
  });
  const onEvent = useCallback(() => void qc.invalidateQueries({ queryKey: alertRulesKey }), [qc]);
  useLiveEvents(["vps.alert", "vps.alert_resolved"], onEvent);
  return query;
}

/** Whether email can be chosen (SMTP_URL set) and the user's own channel switches. */
export function useNotificationPreferences() {
  return useQuery({
    queryKey: ["account", "notifications"],
    queryFn: ({ signal }) => apiFetch<NotificationPreferences>("/api/account/notifications", { signal }),
    staleTime: 60_000,
  });
}

export function useCreateAlertRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (rule: Omit<CreateAlertRuleBody, "user_id">) => apiFetch<{ rule: AlertRuleView }>("/api/alerts", { method: "POST", body: rule }).then((r) => r.rule),
    onSuccess: () => void qc.invalidateQueries({ queryKey: alertRulesKey }),
  });
}

export function useUpdateAlertRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...patch }: { id: number } & UpdateAlertRuleBody) => apiFetch<{ rule: AlertRuleView }>(`/api/alerts/${id}`, { method: "PATCH", body: patch }).then((r) => r.rule),
    onSuccess: () => void qc.invalidateQueries({ queryKey: alertRulesKey }),
  });
}

export function useDeleteAlertRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiFetch<void>(`/api/alerts/${id}`, { method: "DELETE" }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: alertRulesKey }),
  });
}
