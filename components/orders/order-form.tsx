"use client";
import { useState, type FormEvent } from "react";
import { useFormatter, useLocale, useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/input";
import type { Locale } from "@/lib/i18n/config";
import { formatDisk, formatRam } from "@/lib/i18n/format";
import type { PlanView } from "@/lib/plans/view";
import { cn } from "@/lib/utils/cn";
import { useCreateOrder } from "./queries";

export function OrderForm({ plans }: { plans: PlanView[] }) {
  const t = useTranslations("orders");
  const tp = useTranslations("plans");
  const tu = useTranslations("units");
  const format = useFormatter();
  const locale = useLocale() as Locale;
  const [planId, setPlanId] = useState<number | undefined>(plans[0]?.id);
  const plan = plans.find((p) => p.id === planId);
  const [os, setOs] = useState<string>(plan?.os_choices[0] ?? "");
  const [notice, setNotice] = useState<string | null>(null);
  const create = useCreateOrder();

  if (plans.length === 0) {
    return <p className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-sm text-slate-500" data-testid="no-plans">{t("noPlans")}</p>;
  }

  function choose(p: PlanView) {
    setPlanId(p.id);
    if (!p.os_choices.includes(os)) setOs(p.os_choices[0]);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!plan) return;
    setNotice(null);
    create.mutate({ plan_id: plan.id, os }, { onSuccess: (o) => setNotice(t("ordered", { id: o.id })) });
  }

  return (
    <form onSubmit={submit} className="space-y-5" data-testid="order-form">
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-700">{t("choosePlan")}</legend>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {plans.map((p) => (
            <label
              key={p.id}
              data-testid="plan-option"
              data-plan-code={p.code}
              className={cn(
                "relative flex cursor-pointer flex-col rounded-lg border bg-white p-4 shadow-sm transition-colors focus-within:ring-2 focus-within:ring-sky-500",
                p.id === planId ? "border-sky-500 ring-1 ring-sky-500" : "border-slate-200 hover:border-slate-300",
              )}
            >
              <input type="radio" name="plan" value={p.id} checked={p.id === planId} onChange={() => choose(p)} className="sr-only" />
              <span className="flex items-baseline justify-between gap-2">
                <span className="font-medium text-slate-900">{p.name}</span>
                {p.price_monthly != null && (
                  <span className="text-sm font-semibold tabular-nums text-slate-900">
                    {tp("perMonth", { price: format.number(p.price_monthly, { style: "currency", currency: "RUB", maximumFractionDigits: 0 }) })}
                  </span>
                )}
              </span>
              <span className="mt-1 text-sm text-slate-600">{tu("cores", { n: p.cpu })} · {formatRam(locale, p.ram)} · {formatDisk(locale, p.disk)}</span>
              {p.description && <span className="mt-2 text-xs text-slate-500">{p.description}</span>}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="sm:w-72">
          <Label htmlFor="order-os">{t("chooseOs")}</Label>
          <select
            id="order-os"
            data-testid="order-os"
            value={os}
            onChange={(e) => setOs(e.target.value)}
            className="block h-10 w-full rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 shadow-sm focus:border-sky-500 focus:outline-none focus:ring-2 focus:ring-sky-500/30"
          >
            {plan?.os_choices.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </div>
        <Button type="submit" disabled={create.isPending || !plan} aria-busy={create.isPending} data-testid="order-submit">
          {create.isPending && <span aria-hidden className="size-4 animate-spin rounded-full border-2 border-white/40 border-t-white" />}
          {create.isPending ? t("submitting") : t("submit")}
        </Button>
      </div>
      <div aria-live="polite">
        {create.isError && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="order-error">{t("failed", { message: create.error.message })}</p>}
        {notice && !create.isError && <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="order-notice">{notice}</p>}
      </div>
    </form>
  );
}
