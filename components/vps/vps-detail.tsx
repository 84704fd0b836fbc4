"use client";
// The VPS page: header, power actions, then the sections as tabs (vps-tabs.tsx) — overview,
// access (root password, reset, reinstall), network, snapshots & backups, activity (the live
// request timeline and the event log). Sections other features own are one element each.
import Link from "next/link";
import { useCallback, useState, type ReactNode } from "react";
import { useFormatter, useLocale, useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { formatDisk, formatRam } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import { isApiError } from "@/lib/api-client";
import { failedTerminate, openRequest, retryUnavailability, unavailability, type PageFacts } from "@/lib/vps/actions/availability";
import type { ActionType } from "@/lib/vps/actions/catalogue";
import { reinstallPreset, type ReinstallPreset } from "@/lib/vps/actions/retry-preset";
import type { ActionInput } from "@/lib/vps/actions/params";
import type { VpsDetail } from "@/lib/vps/get-vps-detail";
import { ConsoleLink } from "@/components/console/console-link";
import type { VpsActionRequestView } from "@/lib/vps/vps-actions";
import { useLiveConnection } from "@/components/realtime/use-live-events";
import { useActionRequests, useAskAction, useMarkRevealed } from "./action-requests";
import { ActivityTimeline } from "./activity-timeline";
import { useVpsDetail } from "./detail-queries";
import { OpenRequestBanner, RequestTimeline } from "./request-timeline";
import { RevealDialog } from "./reveal-dialog";
import { BackupsSection } from "./sections/backups-section";
import { NetworkSection } from "./sections/network-section";
import { ConfirmDialog } from "./sections/section-kit";
import { SnapshotsSection } from "./sections/snapshots-section";
import { AlertRules } from "@/components/alerts/alert-rules";
import { MetricsSection } from "./metrics-section";
import { RootPassword } from "./root-password";
import { ReinstallDialog, ResetPasswordDialog, SelfServiceButtons } from "./self-service-actions";
import { StatusBadge } from "./status-badge";
import { VpsActionBar } from "./vps-action-bar";
import { VpsTabs, type VpsTab } from "./vps-tabs";

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 text-sm text-slate-900 break-words" data-testid={testId}>{children}</dd>
    </div>
  );
}

function Section({ title, hint, children, testId }: { title: string; hint?: string; children: ReactNode; testId?: string }) {
  return (
    <Card data-testid={testId}>
      <CardHeader>
        <h2 className="font-medium text-slate-900">{title}</h2>
        {hint && <p className="mt-0.5 text-xs text-slate-500">{hint}</p>}
      </CardHeader>
      <CardBody>{children}</CardBody>
    </Card>
  );
}

export function VpsDetailView({ initial, viewerIsAdmin, initialTab = "overview" }: { initial: VpsDetail; viewerIsAdmin: boolean; initialTab?: VpsTab }) {
  const t = useTranslations("vpsDetail");
  const tp = useTranslations("vpsPage");
  const td = useTranslations("dashboard");
  const tu = useTranslations("units");
  const ta = useTranslations("activity");
  const format = useFormatter();
  const locale = useLocale() as Locale;
  const state = useVpsDetail(initial);
  const connected = useLiveConnection();
  const { vps, owner, isOwner, pendingAction } = state;
  const requests = useActionRequests(vps.id, initial.requests);
  const ask = useAskAction(vps.id);
  const markRevealed = useMarkRevealed(vps.id);
  const [dialog, setDialog] = useState<({ kind: "reinstall"; n: number } & Partial<ReinstallPreset>) | { kind: "reset" } | { kind: "terminate" } | null>(null);
  const [revealId, setRevealId] = useState<number | null>(null);
  const closeReveal = useCallback(() => setRevealId(null), []);
  const date = (iso: string) => format.dateTime(new Date(iso), "dateTime");
  const backToAdmin = viewerIsAdmin && !isOwner;
  // Shown on the overview and the access tab.
  const ipAddress = vps.ip_address ? <span className="font-mono">{vps.ip_address}</span> : <span className="text-slate-500">{t("noIp")}</span>;

  const open = openRequest(requests) ?? pendingAction;
  const facts: PageFacts = { status: vps.status, isOwner, deleted: state.deleted, open };
  const why = (action: ActionType) => unavailability(action, facts);
  const whyNoRetry = (action: ActionType) => retryUnavailability(action, { ...facts, isAdmin: viewerIsAdmin });
  const stuckTerminate = viewerIsAdmin && !state.deleted ? failedTerminate(requests, vps.status) : null;

  function retry(r: VpsActionRequestView) {
    if (r.action === "terminate") {
      setDialog({ kind: "terminate" });
      return;
    }
    if (r.action === "reinstall") {
      setDialog({ kind: "reinstall", ...reinstallPreset(r.params), n: Date.now() });
      return;
    }
    ask.mutate({ action: r.action, ...r.params } as ActionInput);
  }

  const inFlight = requests.filter((r) => r.status === "pending" || r.status === "in_progress").length;

  return (
    <article aria-labelledby="vps-name" className="space-y-5" data-testid="vps-detail" data-vps-id={vps.id}>
      <div>
        <Link href={backToAdmin ? "/admin/vps" : "/dashboard"} className="inline-flex items-center gap-1 text-sm text-slate-600 hover:text-sky-700">
          <span aria-hidden>←</span> {backToAdmin ? t("backAdmin") : t("back")}
        </Link>
        <div className="mt-2 flex flex-wrap items-center justify-between gap-3">
          <div className="flex min-w-0 flex-wrap items-center gap-3">
            <h1 id="vps-name" className="truncate text-2xl font-semibold text-slate-900" data-testid="vps-name">{vps.name}</h1>
            <StatusBadge status={vps.status} />
            {!state.deleted && <ConsoleLink vpsId={vps.id} status={vps.status} />}
          </div>
          <p role="status" aria-live="polite" className="flex items-center gap-2 text-xs text-slate-500" data-testid="live-indicator" data-connected={connected}>
            <span aria-hidden className={`size-2 rounded-full ${connected ? "bg-emerald-500" : "bg-amber-400 animate-pulse"}`} />
            {connected ? td("live") : td("offline")}
          </p>
        </div>
      </div>

      {state.deleted && <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">{t("deleted")}</p>}
      {!isOwner && (
        <p className="rounded-lg border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-900" data-testid="admin-view-note">
          {t("adminView", { owner: owner.email })}
        </p>
      )}
      {stuckTerminate && (
        <div role="alert" className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800" data-testid="terminate-failed">
          <p className="min-w-0">{tp("terminateFailed", { message: stuckTerminate.message ?? tp("requestStatus", { status: stuckTerminate.status }) })}</p>
          <Button variant="danger" size="sm" disabled={whyNoRetry("terminate") !== null} onClick={() => setDialog({ kind: "terminate" })} data-testid="terminate-retry">
            {tp("terminateRetry")}
          </Button>
        </div>
      )}
      {open && <OpenRequestBanner request={open} />}
      {isOwner && !state.deleted && <VpsActionBar vps={vps} pending={open} />}
      {ask.error && (
        <p role="alert" className="text-sm text-red-600" data-testid="retry-error">{tp("retryFailed", { message: isApiError(ask.error) ? ask.error.message : "" })}</p>
      )}

      <VpsTabs
        label={tp("tabsLabel")}
        initial={initialTab}
        tabs={[
          {
            id: "overview",
            label: tp("tabs.overview"),
            panel: (
              <div className="grid gap-5 lg:grid-cols-2">
                <Section title={t("specs")}>
                  <dl className="grid grid-cols-2 gap-x-6 gap-y-4 sm:grid-cols-3">
                    <Field label={t("cpu")} testId="vps-cpu">{tu("cores", { n: vps.cpu })}</Field>
                    <Field label={t("ram")} testId="vps-ram">{formatRam(locale, vps.ram)}</Field>
                    <Field label={t("disk")} testId="vps-disk">{formatDisk(locale, vps.disk)}</Field>
                    <Field label={t("os")} testId="vps-os">{vps.os}</Field>
                    <Field label={t("hypervisor")}>{vps.hypervisor}</Field>
                    <Field label={t("ip")} testId="vps-ip">
                      {ipAddress}
                    </Field>
                  </dl>
                </Section>
                <Section title={t("info")}>
                  <dl className="grid gap-4 sm:grid-cols-2">
                    <Field label={t("created")} testId="vps-created"><time dateTime={vps.created_at}>{date(vps.created_at)}</time></Field>
                    <Field label={t("updated")} testId="vps-updated"><time dateTime={vps.updated_at}>{date(vps.updated_at)}</time></Field>
                    <Field label={t("id")}><span className="font-mono">{vps.id}</span></Field>
                    {vps.order_id !== null && <Field label={t("orderId")}><span className="font-mono">#{vps.order_id}</span></Field>}
                    {viewerIsAdmin && (
                      <Field label={t("owner")}>
                        <Link href={`/admin/vps?owner=${owner.id}`} className="text-sky-700 hover:underline">{owner.name ? `${owner.name} · ${owner.email}` : owner.email}</Link>
                      </Field>
                    )}
                  </dl>
                </Section>
                {!state.deleted && <div className="lg:col-span-2"><MetricsSection vpsId={vps.id} /></div>}
                {/* The owner's alert rules watching this server (components/alerts). */}
                {!state.deleted && isOwner && (
                  <Card className="lg:col-span-2"><CardBody><AlertRules servers={[{ id: vps.id, name: vps.name }]} vpsId={vps.id} /></CardBody></Card>
                )}
              </div>
            ),
          },
          {
            id: "access",
            label: tp("tabs.access"),
            panel: (
              <div className="grid gap-5 lg:grid-cols-2">
                <Section title={t("access")}>
                  <dl className="grid gap-4">
                    <Field label={t("ip")}>
                      {ipAddress}
                    </Field>
                    <div className="min-w-0">
                      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{t("rootPassword")}</dt>
                      <dd className="mt-1"><RootPassword vpsId={vps.id} stored={state.hasRootPassword} isOwner={isOwner} /></dd>
                    </div>
                  </dl>
                </Section>
                <Section title={tp("selfServiceTitle")} testId="self-service">
                  <SelfServiceButtons
                    reset={why("reset_password")}
                    reinstall={why("reinstall")}
                    onReset={() => setDialog({ kind: "reset" })}
                    onReinstall={() => setDialog({ kind: "reinstall", n: Date.now() })}
                  />
                </Section>
              </div>
            ),
          },
          {
            id: "network",
            label: tp("tabs.network"),
            panel: state.deleted ? null : <NetworkSection vps={vps} pending={open} isOwner={isOwner} />,
          },
          {
            id: "snapshots",
            label: tp("tabs.snapshots"),
            shortLabel: tp("tabsShort.snapshots"),
            panel: state.deleted ? null : (
              <div className="space-y-5">
                <SnapshotsSection vps={vps} pending={open} isOwner={isOwner} />
                <BackupsSection vps={vps} pending={open} isOwner={isOwner} />
              </div>
            ),
          },
          {
            id: "activity",
            label: tp("tabs.activity"),
            badge: inFlight > 0 ? <span className="rounded-full bg-sky-100 px-1.5 text-xs text-sky-800" data-testid="tab-in-flight">{inFlight}</span> : undefined,
            panel: (
              <div className="grid gap-5 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
                <Section title={tp("timelineTitle")} hint={tp("timelineHint")}>
                  <RequestTimeline vpsId={vps.id} requests={requests} isOwner={isOwner} canRetry={whyNoRetry} onRetry={retry} onReveal={setRevealId} />
                </Section>
                <Card className="self-start">
                  <CardHeader><h2 className="font-medium text-slate-900">{ta("title")}</h2></CardHeader>
                  <CardBody><ActivityTimeline entries={state.activity} /></CardBody>
                </Card>
              </div>
            ),
          },
        ]}
      />

      {isOwner && dialog?.kind === "reinstall" && (
        <ReinstallDialog
          key={dialog.n}
          vpsId={vps.id}
          vpsName={vps.name}
          osChoices={initial.osChoices}
          currentOs={vps.os}
          presetOs={dialog.os}
          presetKeys={dialog.keys}
          open
          onClose={() => setDialog(null)}
        />
      )}
      {viewerIsAdmin && (
        <ConfirmDialog
          open={dialog?.kind === "terminate"}
          onClose={() => setDialog(null)}
          title={tp("terminateTitle", { name: vps.name })}
          confirmLabel={tp("terminateSubmit")}
          busy={ask.isPending}
          error={ask.error ? tp("sendFailed", { message: isApiError(ask.error) ? ask.error.message : "" }) : null}
          onConfirm={() => ask.mutate({ action: "terminate" }, { onSuccess: () => setDialog(null) })}
          testId="terminate-dialog"
        >
          <p>{tp("terminateText", { name: vps.name })}</p>
        </ConfirmDialog>
      )}
      {isOwner && <ResetPasswordDialog vpsId={vps.id} vpsName={vps.name} open={dialog?.kind === "reset"} onClose={() => setDialog(null)} />}
      {isOwner && <RevealDialog vpsId={vps.id} requestId={revealId} onClose={closeReveal} onRevealed={markRevealed} />}
    </article>
  );
}
