"use client";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { CreatePlanInput, PlanView, UpdatePlanInput } from "@/lib/plans/view";

export const plansQueryOptions = (opts: { all: boolean; initial?: PlanView[] }) =>
  queryOptions({
    queryKey: ["plans", opts.all ? "all" : "active"],
    queryFn: async () => (await apiFetch<{ plans: PlanView[] }>(`/api/plans${opts.all ? "?all=1" : ""}`)).plans,
    initialData: opts.initial,
    staleTime: 30_000,
  });

export function usePlans(all: boolean, initial?: PlanView[]) {
  return useQuery(plansQueryOptions({ all, initial }));
}

export function useSavePlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (v: { id?: number; input: CreatePlanInput | UpdatePlanInput }) =>
      (
        await apiFetch<{ plan: PlanView }>(v.id ? `/api/plans/${v.id}` : "/api/plans", {
          method: v.id ? "PATCH" : "POST",
          body: v.input,
        })
      ).plan,
    onSuccess: (plan) => {
      // Show the change at once, then let the lists refetch in the background.
      qc.setQueryData<PlanView[]>(["plans", "all"], (list) => {
        if (!list) return list;
        const i = list.findIndex((p) => p.id === plan.id);
        return i === -1 ? [...list, plan] : list.map((p) => (p.id === plan.id ? plan : p));
      });
      void qc.invalidateQueries({ queryKey: ["plans"] });
    },
  });
}
