"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import { useFormatter, useLocale, useTranslations } from "use-intl";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { formatDisk, formatRam } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import type { VpsDetail } from "@/lib/vps/get-vps-detail";
import { ConsoleLink } from "@/components/console/console-link";
import { useLiveConnection } from "@/components/realtime/use-live-events";
import { ActivityTimeline } from "./activity-timeline";
import { useVpsDetail } from "./detail-queries";
import { MetricsSection } from "./metrics-section";
import { RootPassword } from "./root-password";
import { SelfServiceSections } from "./sections/self-service-sections";
import { StatusBadge } from "./status-badge";
import { PendingAction, VpsActionBar } from "./vps-action-bar";

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 text-sm text-slate-900 break-words" data-testid={testId}>{children}</dd>
    </div>
  );
}

export function VpsDetailView({ initial, viewerIsAdmin }: { initial: VpsDetail; viewerIsAdmin: boolean }) {
  const t = useTranslations("vpsDetail");
  const td = useTranslations("dashboard");
  const tu = useTranslations("units");
  const ta = useTranslations("activity");
  const format = useFormatter();
  const locale = useLocale() as Locale;
  const state = useVpsDetail(initial);
  const connected = useLiveConnection();
  const { vps, owner, isOwner, pendingAction } = state;
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "long", timeStyle: "short" });
  const backToAdmin = viewerIsAdmin && !isOwner;

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
      {pendingAction && <PendingAction request={pendingAction} />}
      {isOwner && !state.deleted && <VpsActionBar vps={vps} pending={pendingAction} />}

      {!state.deleted && <MetricsSection vpsId={vps.id} />}

      <div className="grid gap-5 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-5">
          <Card>
            <CardHeader><h2 className="font-medium text-slate-900">{t("specs")}</h2></CardHeader>
            <CardBody>
              <dl className="grid grid-cols-2 gap-x-6 gap-y-4 sm:grid-cols-3">
                <Field label={t("cpu")} testId="vps-cpu">{tu("cores", { n: vps.cpu })}</Field>
                <Field label={t("ram")} testId="vps-ram">{formatRam(locale, vps.ram)}</Field>
                <Field label={t("disk")} testId="vps-disk">{formatDisk(locale, vps.disk)}</Field>
                <Field label={t("os")} testId="vps-os">{vps.os}</Field>
                <Field label={t("hypervisor")}>{vps.hypervisor}</Field>
              </dl>
            </CardBody>
          </Card>
          <Card>
            <CardHeader><h2 className="font-medium text-slate-900">{t("access")}</h2></CardHeader>
            <CardBody>
              <dl className="grid gap-4 sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
                <Field label={t("ip")} testId="vps-ip">
                  {vps.ip_address ? <span className="font-mono">{vps.ip_address}</span> : <span className="text-slate-500">{t("noIp")}</span>}
                </Field>
                <div className="min-w-0">
                  <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{t("rootPassword")}</dt>
                  <dd className="mt-1"><RootPassword vpsId={vps.id} stored={state.hasRootPassword} isOwner={isOwner} /></dd>
                </div>
              </dl>
            </CardBody>
          </Card>
          {!state.deleted && <SelfServiceSections vps={vps} pending={pendingAction} isOwner={isOwner} />}
          <Card>
            <CardHeader><h2 className="font-medium text-slate-900">{t("info")}</h2></CardHeader>
            <CardBody>
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
            </CardBody>
          </Card>
        </div>
        <Card className="self-start">
          <CardHeader><h2 className="font-medium text-slate-900">{ta("title")}</h2></CardHeader>
          <CardBody><ActivityTimeline entries={state.activity} /></CardBody>
        </Card>
      </div>
    </article>
  );
}
