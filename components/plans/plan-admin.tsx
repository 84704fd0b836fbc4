"use client";
import { useState } from "react";
import { useFormatter, useLocale, useTranslations } from "use-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { Locale } from "@/lib/i18n/config";
import { formatDisk, formatRam } from "@/lib/i18n/format";
import type { PlanView } from "@/lib/plans/view";
import { cn } from "@/lib/utils/cn";
import { PlanForm } from "./plan-form";
import { usePlans, useSavePlan } from "./queries";

function ActiveSwitch({ plan, onToggle, busy }: { plan: PlanView; onToggle: () => void; busy: boolean }) {
  const t = useTranslations("plans");
  return (
    <button
      type="button"
      role="switch"
      aria-checked={plan.is_active}
      aria-label={t("toggleLabel", { name: plan.name })}
      disabled={busy}
      onClick={onToggle}
      data-testid="plan-toggle"
      className={cn(
        "relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:ring-offset-2 disabled:opacity-60",
        plan.is_active ? "bg-emerald-500" : "bg-slate-300",
      )}
    >
      <span aria-hidden className={cn("inline-block size-5 rounded-full bg-white shadow transition-transform", plan.is_active ? "translate-x-5" : "translate-x-0.5")} />
    </button>
  );
}

export function PlanAdmin({ initial }: { initial: PlanView[] }) {
  const t = useTranslations("plans");
  const tu = useTranslations("units");
  const format = useFormatter();
  const locale = useLocale() as Locale;
  const { data: plans = [] } = usePlans(true, initial);
  const save = useSavePlan();
  const [editing, setEditing] = useState<PlanView | "new" | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [toggling, setToggling] = useState<number | null>(null);

  const price = (p: PlanView) =>
    p.price_monthly == null
      ? t("noPrice")
      : t("perMonth", { price: format.number(p.price_monthly, { style: "currency", currency: "RUB", maximumFractionDigits: 0 }) });
  const specs = (p: PlanView) => `${tu("cores", { n: p.cpu })} · ${formatRam(locale, p.ram)} · ${formatDisk(locale, p.disk)}`;

  function toggle(p: PlanView) {
    setToggling(p.id);
    save.mutate({ id: p.id, input: { is_active: !p.is_active } }, { onSettled: () => setToggling(null) });
  }

  const form = editing && (
    <Card className="mb-6" data-testid="plan-editor">
      <CardHeader>
        <h2 className="font-medium text-slate-900">{editing === "new" ? t("newTitle") : t("editTitle", { name: editing.name })}</h2>
      </CardHeader>
      <CardBody>
        <PlanForm
          key={editing === "new" ? "new" : editing.id}
          plan={editing === "new" ? undefined : editing}
          pending={save.isPending}
          serverError={save.error?.message ?? null}
          onCancel={() => {
            setEditing(null);
            save.reset();
          }}
          onSubmit={(input) =>
            save.mutate(
              { id: editing === "new" ? undefined : editing.id, input },
              {
                onSuccess: () => {
                  setEditing(null);
                  setNotice(t("saved"));
                },
              },
            )
          }
        />
      </CardBody>
    </Card>
  );

  return (
    <section aria-labelledby="plans-heading">
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 id="plans-heading" className="text-2xl font-semibold text-slate-900">{t("title")}</h1>
          <p className="text-sm text-slate-500">{t("subtitle")} · {t("count", { n: plans.length })}</p>
        </div>
        <Button
          onClick={() => {
            save.reset();
            setNotice(null);
            setEditing("new");
          }}
          disabled={editing === "new"}
          data-testid="plan-new"
        >
          <span aria-hidden>+</span> {t("new")}
        </Button>
      </div>
      <p role="status" aria-live="polite" className={cn("mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800", !notice && "sr-only")}>
        {notice}
      </p>
      {form}

      {plans.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-16 text-center" data-testid="plans-empty">
          <h2 className="text-base font-medium text-slate-900">{t("emptyTitle")}</h2>
          <p className="mt-1 text-sm text-slate-500">{t("emptyText")}</p>
        </div>
      ) : (
        <>
          <div className="hidden overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm md:block">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-3">{t("name")}</th>
                  <th scope="col" className="px-4 py-3">{t("resources")}</th>
                  <th scope="col" className="px-4 py-3">{t("os")}</th>
                  <th scope="col" className="px-4 py-3">{t("priceColumn")}</th>
                  <th scope="col" className="px-4 py-3">{t("status")}</th>
                  <th scope="col" className="px-4 py-3 text-right"><span className="sr-only">{t("actions")}</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {plans.map((p) => (
                  <tr key={p.id} data-testid="plan-row" data-plan-code={p.code} className={cn(!p.is_active && "bg-slate-50/60")}>
                    <td className="px-4 py-3">
                      <div className="font-medium text-slate-900">{p.name}</div>
                      <div className="font-mono text-xs text-slate-500">{p.code}</div>
                    </td>
                    <td className="px-4 py-3 text-slate-700">{specs(p)}</td>
                    <td className="px-4 py-3 text-slate-700" title={p.os_choices.join("\n")}>
                      {p.os_choices[0]}
                      {p.os_choices.length > 1 && <span className="text-slate-400"> +{p.os_choices.length - 1}</span>}
                    </td>
                    <td className="px-4 py-3 tabular-nums text-slate-700">{price(p)}</td>
                    <td className="px-4 py-3">
                      <div className="flex items-center gap-2">
                        <ActiveSwitch plan={p} busy={toggling === p.id} onToggle={() => toggle(p)} />
                        <Badge tone={p.is_active ? "green" : "gray"} data-testid="plan-status">{p.is_active ? t("isActive") : t("isInactive")}</Badge>
                      </div>
                    </td>
                    <td className="px-4 py-3 text-right">
                      <Button variant="secondary" size="sm" onClick={() => { save.reset(); setNotice(null); setEditing(p); }} data-testid="plan-edit">{t("edit")}</Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ul className="space-y-3 md:hidden">
            {plans.map((p) => (
              <li key={p.id} data-testid="plan-card" data-plan-code={p.code} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <div className="flex items-start justify-between gap-3">
                  <div>
                    <div className="font-medium text-slate-900">{p.name}</div>
                    <div className="font-mono text-xs text-slate-500">{p.code}</div>
                  </div>
                  <Badge tone={p.is_active ? "green" : "gray"}>{p.is_active ? t("isActive") : t("isInactive")}</Badge>
                </div>
                <p className="mt-2 text-sm text-slate-600">{specs(p)}</p>
                <p className="mt-1 text-sm text-slate-500">{p.os_choices.join(", ")}</p>
                <p className="mt-1 text-sm tabular-nums text-slate-700">{price(p)}</p>
                <div className="mt-3 flex items-center justify-between">
                  <ActiveSwitch plan={p} busy={toggling === p.id} onToggle={() => toggle(p)} />
                  <Button variant="secondary" size="sm" onClick={() => { save.reset(); setNotice(null); setEditing(p); }}>{t("edit")}</Button>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
