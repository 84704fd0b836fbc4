"use client";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreatePlanInput, PlanView, UpdatePlanInput } from "@/lib/plans/view";

/** An API answer that is not 2xx, carrying the server's human message. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export async function apiJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, {
    ...init,
    headers: { accept: "application/json", ...(init?.body ? { "content-type": "application/json" } : {}), ...init?.headers },
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, (body as { message?: string }).message ?? `HTTP ${res.status}`);
  return body as T;
}

export const plansQueryOptions = (opts: { all: boolean; initial?: PlanView[] }) =>
  queryOptions({
    queryKey: ["plans", opts.all ? "all" : "active"],
    queryFn: async () => (await apiJson<{ plans: PlanView[] }>(`/api/plans${opts.all ? "?all=1" : ""}`)).plans,
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
        await apiJson<{ plan: PlanView }>(v.id ? `/api/plans/${v.id}` : "/api/plans", {
          method: v.id ? "PATCH" : "POST",
          body: JSON.stringify(v.input),
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
