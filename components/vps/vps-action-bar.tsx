"use client";
// Start / stop / reboot / rename requests. Buttons follow the same rules as the service
// (lib/vps/vps-actions.ts): one pending request at a time, power actions only from the
// state they make sense in. Stop and reboot ask first; rename validates as you type.
import { useState, type FormEvent } from "react";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Input, Label } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { actionAllowedInStatus, VPS_NAME_MAX, VPS_NAME_RE, type VpsActionRequestView } from "@/lib/vps/vps-action-rules";
import type { VpsActionInput } from "@/lib/vps/vps-actions";
import type { VpsView } from "@/lib/vps/view";
import { ApiError } from "@/lib/api-client";
import { useRequestVpsAction } from "./detail-queries";

type Confirm = "stop" | "reboot" | "rename" | null;

function nameProblem(name: string, current: string): "nameTooLong" | "nameInvalid" | "nameSame" | null {
  const n = name.trim();
  if (n.length > VPS_NAME_MAX) return "nameTooLong";
  if (!VPS_NAME_RE.test(n)) return "nameInvalid";
  if (n === current) return "nameSame";
  return null;
}

export function PendingAction({ request }: { request: VpsActionRequestView }) {
  const t = useTranslations("vpsActions");
  return (
    <div role="status" className="flex items-start gap-3 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-amber-900" data-testid="pending-action" data-action={request.action}>
      <Spinner className="mt-0.5 size-5 shrink-0 text-amber-600" />
      <div>
        <p className="font-medium">{t("pending", { action: request.action, name: typeof request.params.name === "string" ? request.params.name : "" })}</p>
        <p className="text-sm text-amber-800">{t("pendingHint")}</p>
      </div>
    </div>
  );
}

export function VpsActionBar({ vps, pending }: { vps: VpsView; pending: VpsActionRequestView | null }) {
  const t = useTranslations("vpsActions");
  const mutation = useRequestVpsAction(vps.id);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [name, setName] = useState(vps.name);
  const [touched, setTouched] = useState(false);

  const busy = pending !== null || mutation.isPending;
  const can = (a: VpsActionInput["action"]) => !busy && actionAllowedInStatus(a, vps.status);

  function send(input: VpsActionInput) {
    mutation.mutate(input, { onSuccess: () => setConfirm(null) });
  }

  const error = mutation.error instanceof ApiError ? mutation.error : mutation.error ? new ApiError(0, "") : null;
  const errorText = error ? (error.status === 409 ? t("conflict") : error.status === 400 ? t("nameInvalid") : t("failed")) : null;
  const problem = nameProblem(name, vps.name);

  function submitRename(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (problem) return;
    send({ action: "rename", name: name.trim() });
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2" role="group" aria-label={t("title")}>
        <Button variant="secondary" disabled={!can("start")} onClick={() => send({ action: "start" })} data-testid="action-start">
          <svg aria-hidden viewBox="0 0 24 24" className="size-4" fill="currentColor"><path d="M8 5v14l11-7z" /></svg>
          {t("start")}
        </Button>
        <Button variant="secondary" disabled={!can("stop")} onClick={() => setConfirm("stop")} data-testid="action-stop">
          <svg aria-hidden viewBox="0 0 24 24" className="size-4" fill="currentColor"><rect x="6" y="6" width="12" height="12" rx="1.5" /></svg>
          {t("stop")}
        </Button>
        <Button variant="secondary" disabled={!can("reboot")} onClick={() => setConfirm("reboot")} data-testid="action-reboot">
          <svg aria-hidden viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round"><path d="M20 12a8 8 0 1 1-2.34-5.66M20 4v5h-5" /></svg>
          {t("reboot")}
        </Button>
        <Button
          variant="secondary"
          disabled={!can("rename")}
          onClick={() => {
            setName(vps.name);
            setTouched(false);
            mutation.reset();
            setConfirm("rename");
          }}
          data-testid="action-rename"
        >
          <svg aria-hidden viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round"><path d="M4 20h4L19 9l-4-4L4 16z" /></svg>
          {t("rename")}
        </Button>
      </div>
      {errorText && confirm === null && (
        <p role="alert" className="text-sm text-red-600" data-testid="action-error">{errorText}</p>
      )}

      <Dialog
        open={confirm === "stop" || confirm === "reboot"}
        onClose={() => setConfirm(null)}
        title={confirm === "stop" ? t("confirmStopTitle") : t("confirmRebootTitle")}
        testId="confirm-dialog"
        footer={
          <>
            <Button variant="ghost" onClick={() => setConfirm(null)}>{t("cancel")}</Button>
            <Button
              variant={confirm === "stop" ? "danger" : "primary"}
              disabled={mutation.isPending}
              onClick={() => confirm && confirm !== "rename" && send({ action: confirm })}
              data-testid="confirm-action"
              autoFocus
            >
              {mutation.isPending && <Spinner />}
              {confirm === "stop" ? t("stop") : t("reboot")}
            </Button>
          </>
        }
      >
        <p>{confirm === "stop" ? t("confirmStopText", { name: vps.name }) : t("confirmRebootText", { name: vps.name })}</p>
        {errorText && <p role="alert" className="mt-3 text-red-600">{errorText}</p>}
      </Dialog>

      <Dialog open={confirm === "rename"} onClose={() => setConfirm(null)} title={t("renameTitle")} testId="rename-dialog">
        <form onSubmit={submitRename} noValidate>
          <Label htmlFor="vps-new-name">{t("newName")}</Label>
          <Input
            id="vps-new-name"
            value={name}
            autoFocus
            autoComplete="off"
            spellCheck={false}
            aria-invalid={touched && problem !== null}
            aria-describedby="vps-new-name-hint"
            onChange={(e) => {
              setName(e.target.value);
              setTouched(true);
            }}
            data-testid="rename-input"
          />
          <p id="vps-new-name-hint" className={touched && problem ? "mt-1 text-sm text-red-600" : "mt-1 text-xs text-slate-500"} data-testid="rename-hint">
            {touched && problem ? t(problem) : t("nameHint")}
          </p>
          {errorText && <p role="alert" className="mt-2 text-sm text-red-600">{errorText}</p>}
          <div className="mt-5 flex justify-end gap-2">
            <Button type="button" variant="ghost" onClick={() => setConfirm(null)}>{t("cancel")}</Button>
            <Button type="submit" disabled={mutation.isPending || (touched && problem !== null)} data-testid="rename-submit">
              {mutation.isPending && <Spinner />}
              {t("rename")}
            </Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
