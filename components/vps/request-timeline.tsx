"use client";
// One live timeline of a VPS's §9 requests, newest first: what was asked, where it stands
// (a progress bar while the main site works — indeterminate until its first report), the
// main site's message, why it failed or expired, and what can be done next: cancel while
// pending, retry after a failure, reveal a new root password once.
import { useFormatter, useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { isApiError } from "@/lib/api-client";
import type { Unavailable } from "@/lib/vps/actions/availability";
import type { ActionType } from "@/lib/vps/actions/catalogue";
import type { VpsActionRequestView } from "@/lib/vps/vps-actions";
import { cn } from "@/lib/utils/cn";
import { useCancelAction } from "./action-requests";

const TONE: Record<VpsActionRequestView["status"], string> = {
  pending: "bg-amber-100 text-amber-900",
  in_progress: "bg-sky-100 text-sky-900",
  completed: "bg-emerald-100 text-emerald-900",
  failed: "bg-red-100 text-red-900",
  cancelled: "bg-slate-100 text-slate-700",
  expired: "bg-slate-100 text-slate-700",
};
const DOT: Record<VpsActionRequestView["status"], string> = {
  pending: "bg-amber-400",
  in_progress: "bg-sky-500",
  completed: "bg-emerald-500",
  failed: "bg-red-500",
  cancelled: "bg-slate-400",
  expired: "bg-slate-400",
};
const REVEALS: readonly ActionType[] = ["reinstall", "reset_password"];

function ProgressBar({ request, label }: { request: VpsActionRequestView; label: string }) {
  const value = request.progress;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      {...(value !== null ? { "aria-valuenow": value } : {})}
      className="relative h-2 w-full overflow-hidden rounded-full bg-slate-200"
      data-testid="request-progress"
      data-value={value ?? ""}
    >
      {value === null ? (
        <span className="absolute inset-y-0 left-0 w-1/3 animate-pulse rounded-full bg-amber-400" />
      ) : (
        <span className="absolute inset-y-0 left-0 rounded-full bg-sky-600 transition-[width] duration-500" style={{ width: `${value}%` }} />
      )}
    </div>
  );
}

export function RequestTimeline({
  vpsId,
  requests,
  canRetry,
  onRetry,
  onReveal,
  isOwner,
}: {
  vpsId: number;
  requests: VpsActionRequestView[];
  /** Why the request's action cannot be asked for again now (null: it can). */
  canRetry: (action: ActionType) => Unavailable | null;
  onRetry: (request: VpsActionRequestView) => void;
  onReveal: (requestId: number) => void;
  isOwner: boolean;
}) {
  const t = useTranslations("vpsPage");
  const format = useFormatter();
  const cancel = useCancelAction(vpsId);

  if (requests.length === 0)
    return <p className="py-6 text-center text-sm text-slate-500" data-testid="requests-empty">{t("timelineEmpty")}</p>;

  const when = (iso: string) => format.dateTime(new Date(iso), "precise");
  const duration = (r: VpsActionRequestView) => {
    const s = Math.max(1, Math.round((Date.parse(r.resolved_at!) - Date.parse(r.created_at)) / 1000));
    return s < 90 ? format.number(s, { style: "unit", unit: "second", unitDisplay: "short" }) : format.number(Math.round(s / 60), { style: "unit", unit: "minute", unitDisplay: "short" });
  };

  return (
    <ol className="space-y-3" data-testid="requests">
      {requests.map((r) => {
        const open = r.status === "pending" || r.status === "in_progress";
        const name = t("actionName", { action: r.action });
        const finished = r.status === "failed" || r.status === "expired" || r.status === "cancelled";
        // Offered to whoever may ask for it (the owner: client actions; an admin: billing ones).
        const blocked = finished ? canRetry(r.action) : null;
        const retryable = finished && blocked?.reason !== "notOwner";
        const revealable = isOwner && r.status === "completed" && REVEALS.includes(r.action) && r.secret_result === "sealed";
        const os = typeof r.params.os === "string" ? r.params.os : null;
        const newName = typeof r.params.name === "string" ? r.params.name : null;
        return (
          <li
            key={r.id}
            className="rounded-lg border border-slate-200 bg-white p-3 sm:p-4"
            data-testid="request"
            data-request-id={r.id}
            data-action={r.action}
            data-status={r.status}
          >
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="flex min-w-0 items-center gap-2">
                <span aria-hidden className={cn("size-2.5 shrink-0 rounded-full", DOT[r.status])} />
                <p className="font-medium text-slate-900">
                  {name}
                  {os && <span className="font-normal text-slate-600"> · {t("os", { os })}</span>}
                  {newName && <span className="font-normal text-slate-600"> · «{newName}»</span>}
                </p>
              </div>
              <span className={cn("rounded-full px-2 py-0.5 text-xs font-medium", TONE[r.status])} data-testid="request-status">
                {t("requestStatus", { status: r.status })}
                {r.status === "in_progress" && r.progress !== null && ` · ${format.number(r.progress / 100, { style: "percent" })}`}
              </span>
            </div>
            {open && (
              <div className="mt-3 space-y-1">
                <ProgressBar request={r} label={t("progressLabel", { action: name })} />
                <p className="text-xs text-slate-500">{r.status === "pending" && r.progress === null ? t("waiting") : r.message}</p>
              </div>
            )}
            {r.status === "failed" && (
              <p className="mt-2 text-sm text-red-700" data-testid="request-reason">{t("reason", { message: r.message ?? "—" })}</p>
            )}
            {r.status === "expired" && <p className="mt-2 text-sm text-slate-600" data-testid="request-reason">{t("expiredReason")}</p>}
            {r.status === "cancelled" && <p className="mt-2 text-sm text-slate-600">{t("cancelledReason")}</p>}
            <div className="mt-2 flex flex-wrap items-center justify-between gap-2">
              <p className="text-xs text-slate-500">
                <time dateTime={r.created_at}>{t("requestedAt", { time: when(r.created_at) })}</time>
                {r.resolved_at && <> · <span className="whitespace-nowrap">{t("finishedIn", { duration: duration(r) })}</span></>}
              </p>
              <div className="flex flex-wrap gap-2">
                {isOwner && r.status === "pending" && (
                  <Button variant="ghost" size="sm" disabled={cancel.isPending} onClick={() => cancel.mutate(r.id)} data-testid="request-cancel">
                    {cancel.isPending && cancel.variables === r.id && <Spinner />}
                    {t("cancelRequest")}
                  </Button>
                )}
                {retryable && (
                  <Button variant="secondary" size="sm" disabled={blocked !== null} onClick={() => onRetry(r)} data-testid="request-retry" data-blocked={blocked?.reason ?? ""}>
                    {t("retry")}
                  </Button>
                )}
                {revealable && (
                  <Button size="sm" onClick={() => onReveal(r.id)} data-testid="request-reveal">{t("revealNew")}</Button>
                )}
                {isOwner && r.status === "completed" && REVEALS.includes(r.action) && r.secret_result === "revealed" && (
                  <span className="text-xs text-slate-500" data-testid="request-revealed">{t("revealed")}</span>
                )}
              </div>
            </div>
            {cancel.isError && cancel.variables === r.id && (
              <p role="alert" className="mt-2 text-sm text-red-600">{isApiError(cancel.error) && cancel.error.status === 409 ? t("cancelFailed") : t("sendFailed", { message: isApiError(cancel.error) ? cancel.error.message : "" })}</p>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** The request in flight, above the tabs: what it is, its progress bar, the main site's last word. */
export function OpenRequestBanner({ request }: { request: VpsActionRequestView }) {
  const t = useTranslations("vpsPage");
  const tv = useTranslations("vpsActions");
  const format = useFormatter();
  const name = t("actionName", { action: request.action });
  const power = request.action === "start" || request.action === "stop" || request.action === "reboot" || request.action === "rename";
  const title = power ? tv("pending", { action: request.action, name: typeof request.params.name === "string" ? request.params.name : "" }) : `${name}: ${t("requestStatus", { status: request.status })}`;
  return (
    <div role="status" className="space-y-2 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-amber-900" data-testid="pending-action" data-action={request.action} data-status={request.status}>
      <div className="flex items-start gap-3">
        <Spinner className="mt-0.5 size-5 shrink-0 text-amber-600" />
        <div className="min-w-0 flex-1">
          <p className="font-medium">
            {title}
            {request.progress !== null && <span className="font-normal"> · {format.number(request.progress / 100, { style: "percent" })}</span>}
          </p>
          <p className="text-sm text-amber-800">{request.message ?? tv("pendingHint")}</p>
        </div>
      </div>
      {(request.progress !== null || !power) && <ProgressBar request={request} label={t("progressLabel", { action: name })} />}
    </div>
  );
}
