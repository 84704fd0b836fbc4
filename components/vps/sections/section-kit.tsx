"use client";
// What the network, snapshots and backups sections share: reading their list
// (GET /api/vps/:id/{network,snapshots,backups}) and keeping it current from live events
// (a `vps.updated` naming the list, any request of theirs resolving), asking for an action,
// why a button is disabled, the progress of a running request, and a confirmation dialog.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, type ReactNode } from "react";
import { useFormatter, useNow, useTranslations } from "use-intl";
import { useLiveEvents } from "@/components/realtime/use-live-events";
import { DataTable } from "@/components/list/data-table";
import { EmptyState } from "@/components/list/empty-state";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import { ApiError, apiFetch } from "@/lib/api-client";
import type { EventMessage } from "@/lib/events/types";
import { agoClock } from "@/lib/i18n/format";
import { actionAllowedIn, type ActionType } from "@/lib/vps/actions/catalogue";
import type { ActionInput } from "@/lib/vps/actions/params";
import type { VpsActionRequestView } from "@/lib/vps/vps-action-rules";
import type { VpsView } from "@/lib/vps/view";
import { vpsDetailKey, type VpsDetailState } from "../detail-queries";

export type ListName = "network" | "snapshots" | "backups";

export interface SectionProps {
  vps: VpsView;
  /** The VPS's request in flight (any action), from the page's live state. */
  pending: VpsActionRequestView | null;
  isOwner: boolean;
}

/** The `changed` names of vps.updated that make a list stale. */
const STALE_ON: Record<ListName, readonly string[]> = { network: ["rdns", "ip_address", "ipAddress"], snapshots: ["snapshots"], backups: ["backups"] };

export const vpsListKey = (id: number, list: ListName) => ["vps", id, list] as const;

export function useVpsList<T>(vpsId: number, list: ListName) {
  const qc = useQueryClient();
  const query = useQuery({ queryKey: vpsListKey(vpsId, list), queryFn: () => apiFetch<T>(`/api/vps/${vpsId}/${list}`) });
  const onEvent = useCallback(
    (e: EventMessage) => {
      const p = e.payload as { vps?: { id?: number }; changed?: string[] };
      if (p.vps?.id !== vpsId) return;
      if (e.type === "vps.updated" && !p.changed?.some((f) => STALE_ON[list].includes(f))) return;
      void qc.invalidateQueries({ queryKey: vpsListKey(vpsId, list) });
    },
    [qc, vpsId, list],
  );
  useLiveEvents(["vps.updated", "vps.action_resolved"], onEvent);
  return query;
}

/** POST /api/vps/:id/actions; the accepted request becomes the page's request in flight at once. */
export function useSelfServiceAction(vpsId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: ActionInput): Promise<VpsActionRequestView> => {
      const body = await apiFetch<{ request?: VpsActionRequestView }>(`/api/vps/${vpsId}/actions`, { method: "POST", body: input });
      if (!body?.request) throw new ApiError(200, "No action request in the answer");
      return body.request;
    },
    onSuccess: (request) =>
      qc.setQueryData<VpsDetailState>(vpsDetailKey(vpsId), (s) => (s && !s.resolvedIds.includes(request.id) ? { ...s, pendingAction: request } : s)),
  });
}

/** Why `action` cannot be asked now, or null when it can. */
export function useDisabledReason({ vps, pending, isOwner }: SectionProps) {
  const t = useTranslations("selfService");
  const ts = useTranslations("status");
  const actionName = useActionName();
  return (action: ActionType): string | null => {
    if (!isOwner) return t("notOwner");
    if (vps.status === "suspended") return t("suspended");
    if (pending) return t("busy", { action: actionName(pending.action) });
    if (!actionAllowedIn(action, vps.status)) return t("wrongStatus", { status: ts(vps.status) });
    return null;
  };
}

const NAMED = ["snapshot_create", "snapshot_restore", "snapshot_delete", "backup_restore", "set_rdns"] as const;

export function useActionName() {
  const t = useTranslations("selfService.actions");
  return (action: string) => ((NAMED as readonly string[]).includes(action) ? t(action as (typeof NAMED)[number]) : t("other", { action }));
}

/** The message for a refused ask: the server's own words after a localised lead. */
export function useActionError() {
  const t = useTranslations("selfService");
  return (err: unknown): string | null => {
    if (!err) return null;
    if (err instanceof ApiError && err.status === 409) return `${t("conflict")}. ${err.message}`;
    return t("failed", { message: err instanceof Error ? err.message : String(err) });
  };
}

/** A running request of one of `actions`: its progress bar (indeterminate before the first report). */
export function RequestProgress({ pending, actions }: { pending: VpsActionRequestView | null; actions: readonly ActionType[] }) {
  const t = useTranslations("selfService");
  const actionName = useActionName();
  if (!pending || !actions.includes(pending.action)) return null;
  const p = pending.progress;
  return (
    <div role="status" aria-live="polite" className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2" data-testid="section-progress" data-action={pending.action} data-progress={p ?? ""}>
      <div className="flex items-center gap-2 text-sm text-sky-900">
        <Spinner className="size-4 shrink-0 text-sky-600" />
        <span className="min-w-0 flex-1">{t("progress", { action: actionName(pending.action), progress: p === null ? "none" : String(p) })}</span>
      </div>
      <div
        className="mt-2 h-1.5 overflow-hidden rounded-full bg-sky-100"
        role="progressbar"
        aria-label={actionName(pending.action)}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={p ?? undefined}
      >
        <div className={p === null ? "h-full w-1/3 animate-pulse rounded-full bg-sky-400" : "h-full rounded-full bg-sky-600 transition-[width] duration-500"} style={p === null ? undefined : { width: `${p}%` }} />
      </div>
      {pending.message && <p className="mt-1 text-xs text-sky-800">{pending.message}</p>}
    </div>
  );
}

/** A button that says why it is disabled (tooltip and, for screen readers, its description). */
export function ActionButton({ reason, children, id, ...props }: Parameters<typeof Button>[0] & { reason: string | null; id: string }) {
  return (
    <>
      <Button {...props} disabled={props.disabled || reason !== null} title={reason ?? undefined} aria-describedby={reason ? `${id}-why` : undefined}>
        {children}
      </Button>
      {reason && <span id={`${id}-why`} className="sr-only">{reason}</span>}
    </>
  );
}

export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  danger = true,
  busy,
  error,
  onConfirm,
  onClose,
  testId,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  onClose: () => void;
  testId: string;
}) {
  const t = useTranslations("selfService");
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      testId={testId}
      footer={
        <>
          <Button variant="ghost" onClick={onClose} autoFocus>{t("cancel")}</Button>
          <Button variant={danger ? "danger" : "primary"} disabled={busy} onClick={onConfirm} data-testid={`${testId}-confirm`}>
            {busy && <Spinner />}
            {confirmLabel}
          </Button>
        </>
      }
    >
      {children}
      {error && <p role="alert" className="mt-3 text-red-700">{error}</p>}
    </Dialog>
  );
}

export function SectionFooter({ updatedAt }: { updatedAt: string | null }) {
  const t = useTranslations("selfService");
  const format = useFormatter();
  // "2 minutes ago" against a clock that moves (and no use-intl fallback error in the console).
  const now = useNow({ updateInterval: 30_000 });
  return (
    <p className="mt-3 text-xs text-slate-500">
      {updatedAt ? t("updatedAt", { at: format.relativeTime(new Date(updatedAt), agoClock(new Date(updatedAt), now)) }) : t("neverUpdated")}
    </p>
  );
}

export function ListError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const t = useTranslations("selfService");
  return (
    <p role="alert" className="flex flex-wrap items-center gap-2 text-sm text-red-700">
      {t("loadFailed", { message: error.message })}
      <Button variant="secondary" size="sm" onClick={onRetry}>{t("retry")}</Button>
    </p>
  );
}

export function useDate() {
  const format = useFormatter();
  return (iso: string) => format.dateTime(new Date(iso), "dateTime");
}

/** A section's list: the running request's progress, then an error, a spinner, the empty
 *  state or the table, and when the main site last pushed the list. */
export function SectionList<T>({
  list,
  rows,
  pending,
  actions,
  empty,
  table,
}: {
  list: { data?: { updated_at?: string | null }; error: Error | null; refetch: () => unknown };
  rows: readonly T[];
  pending: VpsActionRequestView | null;
  actions: readonly ActionType[];
  empty: { testId: string; title: string; text: string };
  table: Omit<Parameters<typeof DataTable<T>>[0], "rows">;
}) {
  return (
    <>
      <RequestProgress pending={pending} actions={actions} />
      {list.error ? (
        <ListError error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.data ? (
        <Spinner className="size-5 text-slate-400" />
      ) : rows.length === 0 ? (
        <EmptyState level={3} testId={empty.testId} title={empty.title} text={empty.text} className="px-4 py-8" />
      ) : (
        <DataTable rows={rows} {...table} />
      )}
      <SectionFooter updatedAt={list.data?.updated_at ?? null} />
    </>
  );
}
