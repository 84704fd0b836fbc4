"use client";
// /ssh-keys: the signed-in user's public keys (add, list with fingerprints, delete). The
// server parses and fingerprints each key (sshpk); the form checks only what it can see.
import { useRef, useState, type FormEvent } from "react";
import { useFormatter, useTranslations } from "use-intl";
import { DataTable, type Column } from "@/components/list/data-table";
import { EmptyState } from "@/components/list/empty-state";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Input, Label } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { ApiError } from "@/lib/api-client";
import { SSH_KEY_NAME_MAX, SSH_PUBLIC_KEY_MAX, type SshKeyView } from "@/lib/ssh-keys/types";
import { useAddSshKey, useDeleteSshKey, useSshKeys } from "./queries";

const KEY_ICON = (
  <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5"><circle cx="8" cy="15" r="4" /><path d="m11 12 8-8m-3 3 2 2m-4 0 2 2" strokeLinecap="round" /></svg>
);

// The server's reasons for refusing a key (lib/ssh-keys/parse-public-key.ts), told in the UI's language.
const KEY_REASONS = ["private_key", "several_lines", "not_openssh", "key_type", "rsa_too_short"] as const;
type KeyReason = (typeof KEY_REASONS)[number];

function AddKeyForm() {
  const t = useTranslations("sshKeys");
  const add = useAddSshKey();
  const [name, setName] = useState("");
  const [publicKey, setPublicKey] = useState("");
  const [problem, setProblem] = useState<{ field: "name" | "key"; text: string } | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const keyRef = useRef<string | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    setAdded(null);
    const n = name.trim();
    const k = publicKey.trim();
    // A pasted name may be the key's comment: fill the name from it when left empty.
    const effectiveName = n || k.split(/\s+/)[2] || "";
    if (!k) return setProblem({ field: "key", text: t("keyRequired") });
    if (/PRIVATE KEY/.test(k)) return setProblem({ field: "key", text: t("privateKey") });
    if (!effectiveName) return setProblem({ field: "name", text: t("nameRequired") });
    setProblem(null);
    keyRef.current ??= crypto.randomUUID();
    add.mutate(
      { input: { name: effectiveName.slice(0, SSH_KEY_NAME_MAX), public_key: k }, key: keyRef.current },
      {
        onSuccess: (key) => {
          keyRef.current = null;
          setName("");
          setPublicKey("");
          setAdded(key.name);
        },
        onError: (err) => {
          keyRef.current = null;
          const message = err instanceof ApiError ? err.message : String(err);
          const reason = err instanceof ApiError && err.status === 400 && err.reason && (KEY_REASONS as readonly string[]).includes(err.reason) ? (err.reason as KeyReason) : null;
          setProblem({
            field: "key",
            text: err instanceof ApiError && err.status === 409 ? t("duplicate") : reason ? t(`keyReason.${reason}`) : err instanceof ApiError && err.status === 400 ? t("invalidKey", { message }) : t("failed", { message }),
          });
        },
      },
    );
  }

  return (
    <Card>
      <CardHeader><h2 className="font-medium text-slate-900">{t("addTitle")}</h2></CardHeader>
      <CardBody>
        <form onSubmit={submit} noValidate className="space-y-4" data-testid="ssh-key-form">
          <div className="grid gap-4 md:grid-cols-[minmax(0,1fr)_minmax(0,3fr)]">
            <div>
              <Label htmlFor="ssh-key-name">{t("name")}</Label>
              <Input
                id="ssh-key-name"
                value={name}
                maxLength={SSH_KEY_NAME_MAX}
                placeholder={t("namePlaceholder")}
                aria-invalid={problem?.field === "name" || undefined}
                aria-describedby={problem?.field === "name" ? "ssh-key-problem" : undefined}
                onChange={(e) => setName(e.target.value)}
                data-testid="ssh-key-name"
              />
            </div>
            <div>
              <Label htmlFor="ssh-key-public">{t("publicKey")}</Label>
              <textarea
                id="ssh-key-public"
                rows={3}
                value={publicKey}
                maxLength={SSH_PUBLIC_KEY_MAX}
                spellCheck={false}
                autoCapitalize="off"
                autoComplete="off"
                placeholder="ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA… you@laptop"
                aria-invalid={problem?.field === "key" || undefined}
                aria-describedby={problem?.field === "key" ? "ssh-key-problem ssh-key-hint" : "ssh-key-hint"}
                onChange={(e) => setPublicKey(e.target.value)}
                className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-sky-500 focus:outline-none focus:ring-2 focus:ring-sky-500/30 aria-invalid:border-red-400"
                data-testid="ssh-key-public"
              />
              <p id="ssh-key-hint" className="mt-1 text-xs text-slate-500">{t("publicKeyHint")}</p>
            </div>
          </div>
          {problem && <p id="ssh-key-problem" role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="ssh-key-error">{problem.text}</p>}
          {added && <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="ssh-key-added">{t("added", { name: added })}</p>}
          <div className="flex justify-end">
            <Button type="submit" disabled={add.isPending} aria-busy={add.isPending} data-testid="ssh-key-add">
              {add.isPending && <Spinner />}
              {add.isPending ? t("adding") : t("add")}
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}

function DeleteKey({ sshKey }: { sshKey: SshKeyView }) {
  const t = useTranslations("sshKeys");
  const del = useDeleteSshKey();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)} data-testid="ssh-key-delete" aria-label={`${t("delete")}: ${sshKey.name}`}>
        {t("delete")}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={t("deleteTitle", { name: sshKey.name })}
        testId="ssh-key-delete-dialog"
        footer={
          <>
            <Button variant="ghost" onClick={() => setOpen(false)} autoFocus>{t("cancel")}</Button>
            <Button variant="danger" disabled={del.isPending} onClick={() => del.mutate(sshKey.id, { onSuccess: () => setOpen(false) })} data-testid="ssh-key-delete-confirm">
              {del.isPending && <Spinner />}
              {del.isPending ? t("deleting") : t("delete")}
            </Button>
          </>
        }
      >
        <p className="break-all font-mono text-xs">{sshKey.fingerprint}</p>
        <p className="mt-2">{t("deleteText")}</p>
        {del.error && <p role="alert" className="mt-2 text-red-700">{t("failed", { message: del.error.message })}</p>}
      </Dialog>
    </>
  );
}

export function SshKeysManager({ initial }: { initial: SshKeyView[] }) {
  const t = useTranslations("sshKeys");
  const format = useFormatter();
  const { data: keys = [] } = useSshKeys(initial);
  const columns: Column<SshKeyView>[] = [
    { key: "name", header: t("colName"), priority: 1, cell: (k) => <span data-testid="ssh-key-row-name">{k.name}</span> },
    { key: "actions", header: <span className="sr-only">{t("delete")}</span>, label: "", priority: 1, align: "right", cell: (k) => <DeleteKey sshKey={k} /> },
    { key: "fingerprint", header: t("colFingerprint"), wide: true, className: "font-mono text-xs", cell: (k) => <span className="break-all" data-testid="ssh-key-fingerprint">{k.fingerprint}</span> },
    { key: "type", header: t("colType"), cell: (k) => t("bits", { type: k.type, bits: k.bits }) },
    { key: "added", header: t("colAdded"), cell: (k) => <time dateTime={k.created_at}>{format.dateTime(new Date(k.created_at), "dateTime")}</time> },
  ];
  return (
    <section aria-labelledby="ssh-keys-heading" className="space-y-6">
      <div>
        <h1 id="ssh-keys-heading" className="text-2xl font-semibold text-slate-900">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("intro")}</p>
      </div>
      <AddKeyForm />
      <div>
        <p className="mb-2 text-sm text-slate-500" data-testid="ssh-keys-count">{t("count", { n: keys.length })}</p>
        {keys.length === 0 ? (
          <EmptyState testId="ssh-keys-empty" icon={KEY_ICON} title={t("emptyTitle")} text={t("emptyText")} />
        ) : (
          <DataTable rows={keys} columns={columns} rowKey={(k) => k.id} rowProps={(k) => ({ "data-testid": "ssh-key-row", "data-fingerprint": k.fingerprint })} label={t("title")} />
        )}
      </div>
    </section>
  );
}
