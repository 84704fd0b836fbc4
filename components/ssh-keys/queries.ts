"use client";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { CreateSshKeyBody, SshKeyView } from "@/lib/ssh-keys/schemas";

export const fetchSshKeys = async () => (await apiFetch<{ ssh_keys: SshKeyView[] }>("/api/ssh-keys")).ssh_keys;

export const sshKeysQueryOptions = (initial?: SshKeyView[]) => queryOptions({ queryKey: ["ssh-keys"], queryFn: fetchSshKeys, initialData: initial });

export function useSshKeys(initial?: SshKeyView[]) {
  return useQuery(sshKeysQueryOptions(initial));
}

/** Each submission carries its own Idempotency-Key: a double click adds the key once. */
export function useAddSshKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ input, key }: { input: CreateSshKeyBody; key: string }) =>
      apiFetch<{ ssh_key: SshKeyView }>("/api/ssh-keys", { method: "POST", headers: { "idempotency-key": key }, body: input }).then((r) => r.ssh_key),
    onSuccess: () => qc.invalidateQueries({ queryKey: sshKeysQueryOptions().queryKey }),
  });
}

export function useDeleteSshKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiFetch(`/api/ssh-keys/${id}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: sshKeysQueryOptions().queryKey }),
  });
}
