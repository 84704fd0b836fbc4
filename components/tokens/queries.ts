"use client";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ApiTokenView, TokenScope } from "@/lib/tokens/scopes";

export interface NewToken {
  name: string;
  scopes: TokenScope[];
  expires_in_days: number | null;
}
export type CreatedToken = ApiTokenView & { token: string };

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(path, { ...init, headers: { accept: "application/json", ...init.headers } });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(body?.message ?? `HTTP ${res.status}`);
  return body as T;
}

export const fetchTokens = async () => (await api<{ tokens: ApiTokenView[] }>("/api/tokens")).tokens;

export const tokensQueryOptions = (initial?: ApiTokenView[]) =>
  queryOptions({ queryKey: ["tokens"], queryFn: fetchTokens, initialData: initial });

export function useTokens(initial?: ApiTokenView[]) {
  return useQuery(tokensQueryOptions(initial));
}

/** Each submission carries its own Idempotency-Key: a double click makes one token. */
export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ input, key }: { input: NewToken; key: string }) =>
      api<{ token: CreatedToken }>("/api/tokens", {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": key },
        body: JSON.stringify(input),
      }).then((r) => r.token),
    onSuccess: () => qc.invalidateQueries({ queryKey: tokensQueryOptions().queryKey }),
  });
}

export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<{ token: ApiTokenView }>(`/api/tokens/${id}`, { method: "DELETE" }).then((r) => r.token),
    onSuccess: () => qc.invalidateQueries({ queryKey: tokensQueryOptions().queryKey }),
  });
}
