"use client";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { ApiTokenView, TokenScope } from "@/lib/tokens/scopes";

export interface NewToken {
  name: string;
  scopes: TokenScope[];
  expires_in_days: number | null;
}
export type CreatedToken = ApiTokenView & { token: string };

export const fetchTokens = async () => (await apiFetch<{ tokens: ApiTokenView[] }>("/api/tokens")).tokens;

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
      apiFetch<{ token: CreatedToken }>("/api/tokens", { method: "POST", headers: { "idempotency-key": key }, body: input }).then((r) => r.token),
    onSuccess: () => qc.invalidateQueries({ queryKey: tokensQueryOptions().queryKey }),
  });
}

export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiFetch<{ token: ApiTokenView }>(`/api/tokens/${id}`, { method: "DELETE" }).then((r) => r.token),
    onSuccess: () => qc.invalidateQueries({ queryKey: tokensQueryOptions().queryKey }),
  });
}
