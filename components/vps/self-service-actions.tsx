"use client";
// Reinstall and root password reset (PRODUCT.md §9): buttons that say why they are disabled
// (suspended, another request in flight, wrong state, not the owner), a reinstall dialog
// (OS from the plan's or the admin's list, optional SSH keys, confirmed by typing the VPS
// name) and a reset confirmation. The request then lives in the timeline.
import { useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useFormatter, useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Input, Label } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { apiFetch, isApiError } from "@/lib/api-client";
import type { Unavailable } from "@/lib/vps/actions/availability";
import { deletedPresetKeys, type PresetKey } from "@/lib/vps/actions/retry-preset";
import { useAskAction } from "./action-requests";

interface SshKey {
  id: number;
  name: string;
  fingerprint?: string;
}

/** GET /api/ssh-keys when the panel has it; any refusal (404 before it exists) means "no keys offered". */
function useSshKeys(enabled: boolean) {
  return useQuery({
    queryKey: ["ssh-keys"],
    enabled,
    retry: false,
    // Read afresh each time the dialog opens: a retry ticks only keys that still exist.
    refetchOnMount: "always",
    queryFn: async (): Promise<SshKey[] | null> => {
      try {
        const body = await apiFetch<unknown>("/api/ssh-keys");
        const list = Array.isArray(body) ? body : ((body as { keys?: unknown; ssh_keys?: unknown }).keys ?? (body as { ssh_keys?: unknown }).ssh_keys);
        if (!Array.isArray(list)) return null;
        return list.filter((k): k is SshKey => typeof k?.id === "number" && typeof k?.name === "string");
      } catch {
        return null;
      }
    },
  });
}

export function UnavailableReason({ why, id }: { why: Unavailable | null; id: string }) {
  const t = useTranslations("vpsPage");
  const ts = useTranslations("status");
  if (!why) return null;
  const text =
    why.reason === "busy" ? t("unavailable.busy", { action: t("actionName", { action: why.action }) })
    : why.reason === "status" ? t("unavailable.status", { status: ts(why.status) })
    : t(`unavailable.${why.reason}`);
  return <p id={id} className="text-sm text-slate-500" data-testid="action-unavailable" data-reason={why.reason}>{text}</p>;
}

export function ReinstallDialog({
  vpsId,
  vpsName,
  osChoices,
  currentOs,
  presetOs,
  presetKeys = [],
  open,
  onClose,
}: {
  vpsId: number;
  vpsName: string;
  osChoices: string[];
  currentOs: string;
  presetOs?: string;
  /** A retry's keys: ticked again if the owner still has them, else named as dropped. */
  presetKeys?: PresetKey[];
  open: boolean;
  onClose: () => void;
}) {
  const t = useTranslations("vpsPage");
  const format = useFormatter();
  const ask = useAskAction(vpsId);
  const keys = useSshKeys(open);
  const [os, setOs] = useState(presetOs ?? osChoices.find((o) => o !== currentOs) ?? currentOs);
  const [picked, setKeyIds] = useState<number[]>(() => presetKeys.map((k) => k.id));
  // Only keys the list still has are ticked and sent (none until it loads); a retry's keys
  // deleted since are named instead.
  const current = keys.isFetchedAfterMount ? keys.data : null;
  const keyIds = picked.filter((id) => current?.some((k) => k.id === id));
  const deleted = current ? deletedPresetKeys(presetKeys, current) : [];
  const [confirm, setConfirm] = useState("");
  const [touched, setTouched] = useState(false);
  const ids = { os: useId(), confirm: useId(), hint: useId() };
  const matches = confirm === vpsName;

  function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (!matches) return;
    ask.mutate(
      { action: "reinstall", os, confirm, ...(keyIds.length ? { ssh_key_ids: keyIds } : {}) },
      { onSuccess: () => onClose() },
    );
  }

  return (
    <Dialog open={open} onClose={onClose} title={t("reinstallTitle")} testId="reinstall-dialog" className="w-[min(32rem,calc(100vw-2rem))]">
      <form onSubmit={submit} noValidate className="space-y-4">
        <p className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-800" data-testid="reinstall-warning">{t("reinstallWarning", { name: vpsName })}</p>
        <div>
          <Label htmlFor={ids.os}>{t("reinstallOs")}</Label>
          <select
            id={ids.os}
            value={os}
            onChange={(e) => setOs(e.target.value)}
            className="mt-1 h-10 w-full rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 focus:outline-none focus:ring-2 focus:ring-sky-500"
            data-testid="reinstall-os"
          >
            {osChoices.map((o) => <option key={o} value={o}>{o}</option>)}
          </select>
        </div>
        {keys.data && (
          <fieldset data-testid="reinstall-keys">
            <legend className="text-sm font-medium text-slate-800">{t("reinstallKeys")}</legend>
            {deleted.length > 0 && (
              <p className="mt-1 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status" data-testid="reinstall-keys-dropped">
                {t("reinstallKeysDropped", { n: deleted.length, names: format.list(deleted.map((k) => t("keyName", { name: k.name }))) })}
              </p>
            )}
            {keys.data.length === 0 ? (
              <p className="mt-1 text-sm text-slate-500">{t("reinstallNoKeys")}</p>
            ) : (
              <ul className="mt-1 space-y-1">
                {keys.data.map((k) => (
                  <li key={k.id}>
                    <label className="flex items-start gap-2 text-sm text-slate-800">
                      <input
                        type="checkbox"
                        className="mt-0.5 size-4"
                        checked={keyIds.includes(k.id)}
                        onChange={(e) => setKeyIds((cur) => (e.target.checked ? [...cur, k.id] : cur.filter((x) => x !== k.id)))}
                        data-testid="reinstall-key"
                      />
                      <span className="min-w-0">
                        {k.name}
                        {k.fingerprint && <span className="block font-mono text-xs break-all text-slate-500">{k.fingerprint}</span>}
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            )}
          </fieldset>
        )}
        <div>
          <Label htmlFor={ids.confirm}>{t("reinstallConfirm", { name: vpsName })}</Label>
          <Input
            id={ids.confirm}
            value={confirm}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={touched && !matches}
            aria-describedby={ids.hint}
            onChange={(e) => setConfirm(e.target.value)}
            onBlur={() => setTouched(true)}
            data-testid="reinstall-confirm"
          />
          <p id={ids.hint} className="mt-1 text-sm text-red-600" aria-live="polite">{touched && confirm !== "" && !matches ? t("reinstallConfirmMismatch") : ""}</p>
        </div>
        {ask.error && <p role="alert" className="text-sm text-red-600" data-testid="reinstall-error">{t("sendFailed", { message: isApiError(ask.error) ? ask.error.message : "" })}</p>}
        <div className="flex flex-wrap justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onClose}>{t("cancel")}</Button>
          <Button type="submit" variant="danger" disabled={!matches || ask.isPending} data-testid="reinstall-submit">
            {ask.isPending && <Spinner />}
            {t("reinstallSubmit")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export function ResetPasswordDialog({ vpsId, vpsName, open, onClose }: { vpsId: number; vpsName: string; open: boolean; onClose: () => void }) {
  const t = useTranslations("vpsPage");
  const ask = useAskAction(vpsId);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t("resetTitle")}
      testId="reset-dialog"
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>{t("cancel")}</Button>
          <Button variant="danger" disabled={ask.isPending} onClick={() => ask.mutate({ action: "reset_password" }, { onSuccess: () => onClose() })} data-testid="reset-submit" autoFocus>
            {ask.isPending && <Spinner />}
            {t("resetSubmit")}
          </Button>
        </>
      }
    >
      <p>{t("resetText", { name: vpsName })}</p>
      {ask.error && <p role="alert" className="mt-3 text-red-600">{t("sendFailed", { message: isApiError(ask.error) ? ask.error.message : "" })}</p>}
    </Dialog>
  );
}

/** The two buttons with their reasons; the dialogs are opened by the page. */
export function SelfServiceButtons({
  reinstall,
  reset,
  onReinstall,
  onReset,
}: {
  reinstall: Unavailable | null;
  reset: Unavailable | null;
  onReinstall: () => void;
  onReset: () => void;
}) {
  const t = useTranslations("vpsPage");
  const ids = { reinstall: useId(), reset: useId() };
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <div className="space-y-2">
        <Button variant="secondary" className="w-full sm:w-auto" disabled={reset !== null} aria-describedby={reset ? ids.reset : undefined} onClick={onReset} data-testid="action-reset-password">
          <svg aria-hidden viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round"><circle cx="8" cy="15" r="4" /><path d="m10.8 12.2 8.2-8.2M17 6l2 2M15 8l2 2" /></svg>
          {t("resetPassword")}
        </Button>
        <UnavailableReason why={reset} id={ids.reset} />
      </div>
      <div className="space-y-2">
        <Button variant="secondary" className="w-full border-red-300 text-red-700 hover:bg-red-50 sm:w-auto" disabled={reinstall !== null} aria-describedby={reinstall ? ids.reinstall : undefined} onClick={onReinstall} data-testid="action-reinstall">
          <svg aria-hidden viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round"><path d="M3 12a9 9 0 0 1 15.5-6.2L21 8M21 3v5h-5M21 12a9 9 0 0 1-15.5 6.2L3 16M3 21v-5h5" /></svg>
          {t("reinstall")}
        </Button>
        <UnavailableReason why={reinstall} id={ids.reinstall} />
      </div>
    </div>
  );
}
