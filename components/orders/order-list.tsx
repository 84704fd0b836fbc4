"use client";
import Link from "next/link";
import { useState } from "react";
import { useFormatter, useTranslations } from "use-intl";
import { EmptyState } from "@/components/list/empty-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import { ApiError } from "@/lib/api-client";
import { orderCancellable, orderStep, type OrderView } from "@/lib/orders/view";
import { cn } from "@/lib/utils/cn";
import { StatusBadge } from "@/components/vps/status-badge";
import { useCancelOrder, useOwnOrders } from "./queries";

const STEPS = ["accepted", "building", "starting", "ready"] as const;
const TONE = { in_progress: "blue", finished: "green", error: "red", cancelled: "gray" } as const;

function Progress({ order }: { order: OrderView }) {
  const t = useTranslations("orders");
  // orderStep: 1 accepted, 2 building, 2.5 running (waiting for IP/password), 3 ready.
  const step = orderStep(order);
  const reached = step >= 3 ? 4 : step >= 2.5 ? 3 : step >= 2 ? 2 : 1;
  const failed = order.status === "error" || order.status === "cancelled";
  const percent = failed ? 100 : Math.round((reached / STEPS.length) * 100);
  return (
    <div className="mt-3">
      <div
        role="progressbar"
        aria-label={t("progress", { id: order.id })}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={failed ? t(`status.${order.status === "cancelled" ? "cancelled" : "error"}`) : t(`step.${STEPS[reached - 1]}`)}
        className="h-2 overflow-hidden rounded-full bg-slate-100"
      >
        <div
          className={cn(
            "h-full rounded-full transition-all duration-700",
            order.status === "cancelled" ? "bg-slate-300" : failed ? "bg-red-500" : reached === 4 ? "bg-emerald-500" : "bg-sky-500",
            !failed && reached < 4 && "animate-pulse",
          )}
          style={{ width: `${percent}%` }}
        />
      </div>
      <ol className="mt-2 grid grid-cols-4 gap-1 text-[11px] leading-tight text-slate-500 sm:text-xs">
        {STEPS.map((s, i) => (
          <li key={s} className={cn(i < reached && !failed && "font-medium text-slate-800", i === reached - 1 && !failed && order.status !== "finished" && "text-sky-700")} data-done={i < reached}>
            {t(`step.${s}`)}
          </li>
        ))}
      </ol>
    </div>
  );
}

export function OrderList({ userId, initial }: { userId: number; initial: OrderView[] }) {
  const t = useTranslations("orders");
  const format = useFormatter();
  const { data: orders = [] } = useOwnOrders(userId, initial);
  const cancel = useCancelOrder();
  const [confirmId, setConfirmId] = useState<number | null>(null);
  const cancelError =
    cancel.error instanceof ApiError && cancel.error.status === 409
      ? t("cancelConflict")
      : cancel.error
        ? t("cancelFailed", { message: cancel.error.message })
        : null;
  const confirming = orders.find((o) => o.id === confirmId) ?? null;

  if (orders.length === 0) return <EmptyState testId="orders-empty" level={3} title={t("empty")} text={t("emptyText")} />;
  return (
    <>
    <ul className="space-y-3">
      {orders.map((o) => (
        <li key={o.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="order-item" data-order-id={o.id} data-status={o.status}>
          <div className="flex flex-wrap items-start justify-between gap-2">
            <div>
              <h3 className="font-medium text-slate-900">
                {t("order", { id: o.id })} · {o.plan.name}
              </h3>
              <p className="text-sm text-slate-500">
                {o.os} · {t("createdAt", { at: format.dateTime(new Date(o.created_at), "dateTime") })}
              </p>
            </div>
            <Badge tone={TONE[o.status]} data-testid="order-status">{t(`status.${o.status}`)}</Badge>
          </div>
          <Progress order={o} />
          {o.vps && (
            <dl className="mt-3 flex flex-wrap items-center gap-x-6 gap-y-1 text-sm">
              <div className="flex items-center gap-2">
                <dt className="text-slate-500">{t("server")}</dt>
                <dd className="font-medium text-slate-900" data-testid="order-vps-name">{o.vps.name}</dd>
                <dd><StatusBadge status={o.vps.status} /></dd>
              </div>
              {o.vps.ip_address && (
                <div className="flex items-center gap-2">
                  <dt className="text-slate-500">{t("ip")}</dt>
                  <dd className="font-mono text-xs text-slate-800" data-testid="order-vps-ip">{o.vps.ip_address}</dd>
                </div>
              )}
              {o.status === "finished" && (
                <Link href="/dashboard" className="text-sm font-medium text-sky-700 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-500">
                  {t("goToServers")} →
                </Link>
              )}
            </dl>
          )}
          {o.status === "error" && o.error_message && (
            <p className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="order-error-message">{t("reason", { message: o.error_message })}</p>
          )}
          {orderCancellable(o) && (
            <div className="mt-3 flex justify-end">
              <Button
                variant="ghost"
                size="sm"
                onClick={() => {
                  cancel.reset();
                  setConfirmId(o.id);
                }}
                data-testid="order-cancel"
              >
                {t("cancel")}
              </Button>
            </div>
          )}
        </li>
      ))}
    </ul>
    <Dialog
      open={confirming !== null}
      onClose={() => setConfirmId(null)}
      title={t("cancelTitle", { id: confirmId ?? 0 })}
      testId="order-cancel-dialog"
      footer={
        <>
          <Button variant="ghost" onClick={() => setConfirmId(null)} autoFocus>{t("keep")}</Button>
          <Button
            variant="danger"
            disabled={cancel.isPending}
            onClick={() => confirmId !== null && cancel.mutate(confirmId, { onSuccess: () => setConfirmId(null) })}
            data-testid="order-cancel-confirm"
          >
            {cancel.isPending && <Spinner />}
            {t("cancelConfirm")}
          </Button>
        </>
      }
    >
      <p>{t("cancelText")}</p>
      {cancelError && <p role="alert" className="mt-3 text-red-600" data-testid="order-cancel-error">{cancelError}</p>}
    </Dialog>
    </>
  );
}
