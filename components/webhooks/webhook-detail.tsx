"use client";
// One webhook: its settings at a glance, actions (test, rotate secret, enable/disable,
// edit, delete) and the delivery log. A rotated secret is shown once, here.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useFormatter, useTranslations } from "use-intl";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import type { WebhookView } from "@/lib/webhooks/view";
import { EventTypes, WebhookStateBadge } from "./badges";
import { DeliveryLog } from "./delivery-log";
import { useDeleteWebhook, useRotateSecret, useSaveWebhook, useTestWebhook, webhookQueryOptions } from "./queries";

function NewSecret({ secret, until, onDone }: { secret: string; until: string | null; onDone: () => void }) {
  const t = useTranslations("webhooks.detail");
  const format = useFormatter();
  const [copied, setCopied] = useState(false);
  return (
    <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-4" data-testid="new-secret">
      <h2 className="font-medium text-amber-900">{t("newSecretTitle")}</h2>
      <p className="mt-1 text-sm text-amber-900">
        {t("newSecretText", { until: until ? format.dateTime(new Date(until), "dateTime") : "—" })}
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <code className="min-w-0 basis-full break-all sm:basis-0 sm:flex-1 rounded bg-white px-3 py-2 font-mono text-sm text-slate-900 ring-1 ring-amber-200" data-testid="new-secret-value">{secret}</code>
        <Button type="button" variant="secondary" size="sm" onClick={async () => { await navigator.clipboard?.writeText(secret).catch(() => {}); setCopied(true); }}>
          {copied ? t("copied") : t("copy")}
        </Button>
        <Button type="button" size="sm" onClick={onDone}>{t("dismiss")}</Button>
      </div>
    </div>
  );
}

export function WebhookDetail({ initial }: { initial: WebhookView }) {
  const t = useTranslations("webhooks.detail");
  const tw = useTranslations("webhooks");
  const format = useFormatter();
  const router = useRouter();
  const { data } = useQuery(webhookQueryOptions(initial.id, initial));
  const w = data ?? initial;
  const test = useTestWebhook(w.id);
  const rotate = useRotateSecret(w.id);
  const save = useSaveWebhook(w.id);
  const remove = useDeleteWebhook(w.id);
  const [secret, setSecret] = useState<{ value: string; until: string | null } | null>(null);
  const [notice, setNotice] = useState<{ tone: "ok" | "bad"; text: string } | null>(null);

  const fail = (err: unknown) => setNotice({ tone: "bad", text: t("actionFailed", { message: (err as Error).message }) });

  return (
    <div className="space-y-6">
      <div>
        <Link href="/admin/webhooks" className="text-sm text-sky-700 hover:underline">← {t("back")}</Link>
        <div className="mt-2 flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <h1 className="flex flex-wrap items-center gap-3 text-2xl font-semibold text-slate-900">
              <span className="break-words">{w.name}</span> <WebhookStateBadge webhook={w} />
            </h1>
            <p className="mt-1 break-all font-mono text-sm text-slate-600">{w.url}</p>
          </div>
          <div className="flex flex-wrap gap-2">
            <Button
              type="button"
              variant="secondary"
              disabled={test.isPending}
              data-testid="test-webhook"
              onClick={() =>
                test.mutateAsync().then((d) => {
                  const a = d.attempts?.[0];
                  const ok = a?.response_status && a.response_status >= 200 && a.response_status < 300;
                  setNotice(ok ? { tone: "ok", text: t("testOk", { status: a!.response_status! }) } : { tone: "bad", text: t("testFailed", { error: a?.error ?? (a?.response_status ? `HTTP ${a.response_status}` : "…") }) });
                }, fail)
              }
            >
              {test.isPending ? t("testing") : t("test")}
            </Button>
            <Button
              type="button"
              variant="secondary"
              disabled={rotate.isPending}
              data-testid="rotate-secret"
              onClick={() => {
                if (!window.confirm(t("rotateConfirm"))) return;
                rotate.mutateAsync().then((r) => setSecret({ value: r.secret, until: r.webhook.previous_secret_valid_until }), fail);
              }}
            >
              {rotate.isPending ? t("rotating") : t("rotate")}
            </Button>
            <Button type="button" variant="secondary" disabled={save.isPending} onClick={() => save.mutateAsync({ is_active: !w.is_active }).catch(fail)} data-testid="toggle-active">
              {w.is_active ? t("disable") : t("enable")}
            </Button>
            <Link href={`/admin/webhooks/${w.id}/edit`} className={buttonVariants({ variant: "secondary" })}>{t("edit")}</Link>
            <Button
              type="button"
              variant="danger"
              disabled={remove.isPending}
              onClick={() => {
                if (!window.confirm(t("deleteConfirm", { name: w.name }))) return;
                remove.mutateAsync().then(() => { router.push("/admin/webhooks"); router.refresh(); }, fail);
              }}
            >
              {t("delete")}
            </Button>
          </div>
        </div>
      </div>

      {secret && <NewSecret secret={secret.value} until={secret.until} onDone={() => setSecret(null)} />}
      <p role="status" aria-live="polite" className={notice ? (notice.tone === "ok" ? "rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-800" : "rounded-md bg-red-50 px-4 py-3 text-sm text-red-700") : "sr-only"} data-testid="webhook-notice">
        {notice?.text}
      </p>
      {!w.is_active && w.disabled_reason && (
        <p className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900">{t("disabledBecause", { reason: w.disabled_reason })}</p>
      )}

      <Card>
        <CardBody>
          <dl className="grid gap-4 text-sm sm:grid-cols-2 lg:grid-cols-4">
            <div>
              <dt className="text-slate-500">{tw("col.events")}</dt>
              <dd className="mt-1"><EventTypes types={w.event_types} /></dd>
            </div>
            <div>
              <dt className="text-slate-500">{tw("form.secret")}</dt>
              <dd className="mt-1 text-slate-800">
                {w.has_secret ? t("signed") : t("unsigned")}
                {w.previous_secret_valid_until && (
                  <span className="block text-xs text-slate-500">{t("previousUntil", { until: format.dateTime(new Date(w.previous_secret_valid_until), "dateTime") })}</span>
                )}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">{tw("col.deliveries")}</dt>
              <dd className="mt-1 tabular-nums text-slate-800">{tw("countsLabel", { success: w.success_count, failed: w.failure_count, pending: w.pending_count })}</dd>
              {w.consecutive_failures > 0 && <dd className="text-xs text-amber-700">{t("failures", { n: w.consecutive_failures })}</dd>}
            </div>
            <div>
              <dt className="text-slate-500">{tw("col.lastTriggered")}</dt>
              <dd className="mt-1 text-slate-800">{w.last_triggered_at ? format.dateTime(new Date(w.last_triggered_at), "precise") : tw("never")}</dd>
            </div>
          </dl>
          {w.description && <p className="mt-4 border-t border-slate-100 pt-3 text-sm text-slate-600">{w.description}</p>}
        </CardBody>
      </Card>

      <DeliveryLog webhook={w} />
    </div>
  );
}
