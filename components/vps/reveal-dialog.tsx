"use client";
// The new root password of a completed reinstall / reset_password, shown once: opening the
// dialog takes it from the server (POST …/result clears it there), closing forgets it. A
// second attempt (another tab got it first) says so and points to the Access tab.
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import { apiFetch, isApiError } from "@/lib/api-client";

type State = { kind: "loading" } | { kind: "shown"; password: string } | { kind: "gone" } | { kind: "error" };

export function RevealDialog({ vpsId, requestId, onClose, onRevealed }: { vpsId: number; requestId: number | null; onClose: () => void; onRevealed: (requestId: number) => void }) {
  const t = useTranslations("vpsPage");
  const [state, setState] = useState<State>({ kind: "loading" });
  const [copied, setCopied] = useState(false);
  const asked = useRef<number | null>(null);

  useEffect(() => {
    if (requestId === null || asked.current === requestId) return;
    asked.current = requestId;
    setState({ kind: "loading" });
    setCopied(false);
    apiFetch<{ root_password: string }>(`/api/vps/${vpsId}/actions/${requestId}/result`, { method: "POST" })
      .then((r) => {
        setState({ kind: "shown", password: r.root_password });
        onRevealed(requestId);
      })
      .catch((err: unknown) => {
        if (isApiError(err) && (err.status === 409 || err.status === 404)) {
          setState({ kind: "gone" });
          onRevealed(requestId);
        } else setState({ kind: "error" });
      });
  }, [requestId, vpsId, onRevealed]);

  function close() {
    asked.current = null;
    setState({ kind: "loading" });
    onClose();
  }

  return (
    <Dialog
      open={requestId !== null}
      onClose={close}
      title={t("revealTitle")}
      testId="reveal-dialog"
      footer={<Button variant="secondary" onClick={close} autoFocus data-testid="reveal-close">{t("close")}</Button>}
    >
      {state.kind === "loading" && (
        <p className="flex items-center gap-2" role="status"><Spinner />{t("revealLoading")}</p>
      )}
      {state.kind === "shown" && (
        <div className="space-y-3">
          <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">{t("revealOnce")}</p>
          <div className="flex flex-wrap items-center gap-2">
            <code className="min-w-0 flex-1 rounded bg-slate-100 px-2 py-1.5 font-mono text-base break-all text-slate-900" data-testid="reveal-password">{state.password}</code>
            <Button
              variant="secondary"
              size="sm"
              onClick={async () => {
                await navigator.clipboard?.writeText(state.password).catch(() => undefined);
                setCopied(true);
              }}
              data-testid="reveal-copy"
            >
              {copied ? t("copied") : t("copy")}
            </Button>
          </div>
        </div>
      )}
      {state.kind === "gone" && <p data-testid="reveal-gone">{t("revealGone")}</p>}
      {state.kind === "error" && <p role="alert" className="text-red-600">{t("revealError")}</p>}
    </Dialog>
  );
}
