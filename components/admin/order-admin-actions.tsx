"use client";
// An admin's fail (with a reason) and retry on /admin/orders/:id, each behind a dialog.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Input, Label } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { apiFetch } from "@/lib/api-client";

type Open = "fail" | "retry" | null;

export function OrderAdminActions({ orderId, canFail, canRetry, retryBlockedByVps }: { orderId: number; canFail: boolean; canRetry: boolean; retryBlockedByVps: boolean }) {
  const t = useTranslations("adminOrders");
  const router = useRouter();
  const [open, setOpen] = useState<Open>(null);
  const [reason, setReason] = useState("");
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(path: "fail" | "retry", body?: unknown) {
    setBusy(true);
    setError(null);
    try {
      await apiFetch(`/api/admin/orders/${orderId}/${path}`, { method: "POST", body: body ?? {} });
      setOpen(null);
      router.refresh();
    } catch (err) {
      setError(t("actionFailed", { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  function submitFail(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (!reason.trim()) return;
    void run("fail", { reason: reason.trim() });
  }

  function show(which: Open) {
    setError(null);
    setTouched(false);
    setReason("");
    setOpen(which);
  }

  if (!canFail && !canRetry && !retryBlockedByVps) return null;
  const reasonMissing = touched && !reason.trim();
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {canFail && <Button variant="danger" onClick={() => show("fail")} data-testid="order-fail">{t("fail")}</Button>}
        {canRetry && <Button variant="secondary" onClick={() => show("retry")} data-testid="order-retry">{t("retry")}</Button>}
      </div>
      {retryBlockedByVps && <p className="text-sm text-slate-500" data-testid="order-retry-blocked">{t("retryHasVps")}</p>}

      <Dialog open={open === "fail"} onClose={() => setOpen(null)} title={t("failTitle", { id: orderId })} testId="order-fail-dialog">
        <form onSubmit={submitFail} noValidate className="space-y-3">
          <p>{t("failText")}</p>
          <div>
            <Label htmlFor="order-fail-reason">{t("failReason")}</Label>
            <Input
              id="order-fail-reason"
              value={reason}
              maxLength={500}
              autoFocus
              autoComplete="off"
              aria-invalid={reasonMissing}
              aria-describedby={reasonMissing ? "order-fail-reason-error" : undefined}
              onChange={(e) => setReason(e.target.value)}
              data-testid="order-fail-reason"
            />
            {reasonMissing && <p id="order-fail-reason-error" className="mt-1 text-sm text-red-600">{t("failReasonRequired")}</p>}
          </div>
          {error && <p role="alert" className="text-red-600">{error}</p>}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="ghost" onClick={() => setOpen(null)}>{t("close")}</Button>
            <Button type="submit" variant="danger" disabled={busy} data-testid="order-fail-confirm">
              {busy && <Spinner />}
              {t("failConfirm")}
            </Button>
          </div>
        </form>
      </Dialog>

      <Dialog
        open={open === "retry"}
        onClose={() => setOpen(null)}
        title={t("retryTitle", { id: orderId })}
        testId="order-retry-dialog"
        footer={
          <>
            <Button variant="ghost" onClick={() => setOpen(null)}>{t("close")}</Button>
            <Button disabled={busy} onClick={() => void run("retry")} data-testid="order-retry-confirm" autoFocus>
              {busy && <Spinner />}
              {t("retryConfirm")}
            </Button>
          </>
        }
      >
        <p>{t("retryText")}</p>
        {error && <p role="alert" className="mt-3 text-red-600">{error}</p>}
      </Dialog>
    </div>
  );
}
