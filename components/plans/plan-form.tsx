"use client";
import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { useLocale, useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import type { Locale } from "@/lib/i18n/config";
import { formatRam } from "@/lib/i18n/format";
import { createPlanSchema, type CreatePlanInput, type PlanView } from "@/lib/plans/view";

type Field = keyof CreatePlanInput;
const FIELDS: Field[] = ["name", "code", "cpu", "ram", "disk", "os_choices", "description", "price_monthly", "snapshot_limit", "is_active"];

interface Draft {
  name: string;
  code: string;
  cpu: string;
  ram: string;
  disk: string;
  os: string;
  description: string;
  price: string;
  snapshots: string;
  active: boolean;
}

function toDraft(p?: PlanView): Draft {
  return {
    name: p?.name ?? "",
    code: p?.code ?? "",
    cpu: String(p?.cpu ?? 1),
    ram: String(p?.ram ?? 1024),
    disk: String(p?.disk ?? 20),
    os: (p?.os_choices ?? ["Ubuntu 24.04 LTS", "Debian 12"]).join("\n"),
    description: p?.description ?? "",
    price: p?.price_monthly == null ? "" : String(p.price_monthly),
    snapshots: String(p?.snapshot_limit ?? 3),
    active: p?.is_active ?? true,
  };
}

const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s.trim()));

function fromDraft(d: Draft): unknown {
  return {
    name: d.name,
    code: d.code,
    cpu: num(d.cpu),
    ram: num(d.ram),
    disk: num(d.disk),
    os_choices: d.os.split("\n").map((s) => s.trim()).filter(Boolean),
    description: d.description,
    price_monthly: d.price.trim() === "" ? null : num(d.price),
    snapshot_limit: num(d.snapshots),
    is_active: d.active,
  };
}

export function PlanForm({
  plan,
  pending,
  serverError,
  onSubmit,
  onCancel,
}: {
  plan?: PlanView;
  pending: boolean;
  serverError: string | null;
  onSubmit: (input: CreatePlanInput) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("plans");
  const locale = useLocale() as Locale;
  const [draft, setDraft] = useState<Draft>(() => toDraft(plan));
  const [errors, setErrors] = useState<Partial<Record<Field, boolean>>>({});
  useEffect(() => document.getElementById("plan-name")?.focus(), []);

  const FIELD_OF: Record<keyof Draft, Field> = { name: "name", code: "code", cpu: "cpu", ram: "ram", disk: "disk", os: "os_choices", description: "description", price: "price_monthly", snapshots: "snapshot_limit", active: "is_active" };
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    // Editing a field clears its complaint; the next save checks again.
    setErrors((e) => (e[FIELD_OF[k]] ? { ...e, [FIELD_OF[k]]: false } : e));
  };
  const ramMb = num(draft.ram);

  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = createPlanSchema.safeParse(fromDraft(draft));
    if (!parsed.success) {
      const bad: Partial<Record<Field, boolean>> = {};
      for (const issue of parsed.error.issues) bad[issue.path[0] as Field] = true;
      setErrors(bad);
      const firstBad = FIELDS.find((f) => bad[f]);
      document.getElementById(`plan-${firstBad}`)?.focus();
      return;
    }
    setErrors({});
    onSubmit(parsed.data);
  }

  const field = (name: Field, label: string, input: ReactNode, hint?: string) => (
    <div className={name === "os_choices" || name === "description" ? "sm:col-span-2" : undefined}>
      <Label htmlFor={`plan-${name}`}>{label}</Label>
      {input}
      {errors[name] ? (
        <p id={`plan-${name}-msg`} className="mt-1 text-xs text-red-700" data-testid={`plan-error-${name}`}>{t(`errors.${name}` as never) /* is_active is a checkbox: never an error */}</p>
      ) : hint ? (
        <p id={`plan-${name}-msg`} className="mt-1 text-xs text-slate-500">{hint}</p>
      ) : null}
    </div>
  );
  const aria = (name: Field) => ({
    id: `plan-${name}`,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": `plan-${name}-msg`,
  });
  const area = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-sky-500 focus:outline-none focus:ring-2 focus:ring-sky-500/30 aria-invalid:border-red-400 aria-invalid:focus:border-red-500 aria-invalid:focus:ring-red-500/30";

  return (
    <form onSubmit={submit} noValidate className="space-y-4" data-testid="plan-form">
      <div className="grid gap-4 sm:grid-cols-2">
        {field("name", t("name"), <Input {...aria("name")} value={draft.name} onChange={(e) => set("name", e.target.value)} maxLength={100} />)}
        {field("code", t("code"), <Input {...aria("code")} value={draft.code} onChange={(e) => set("code", e.target.value)} autoCapitalize="off" spellCheck={false} className="font-mono" />, t("codeHint"))}
        {field("cpu", t("cpu"), <Input {...aria("cpu")} inputMode="numeric" value={draft.cpu} onChange={(e) => set("cpu", e.target.value)} />)}
        {field("ram", t("ram"), <Input {...aria("ram")} inputMode="numeric" value={draft.ram} onChange={(e) => set("ram", e.target.value)} />, t("ramHint", { value: Number.isFinite(ramMb) && ramMb > 0 ? formatRam(locale, ramMb) : "—" }))}
        {field("disk", t("disk"), <Input {...aria("disk")} inputMode="numeric" value={draft.disk} onChange={(e) => set("disk", e.target.value)} />)}
        {field("price_monthly", t("price"), <Input {...aria("price_monthly")} inputMode="numeric" value={draft.price} onChange={(e) => set("price", e.target.value)} />, t("priceHint"))}
        {field("snapshot_limit", t("snapshotLimit"), <Input {...aria("snapshot_limit")} inputMode="numeric" value={draft.snapshots} onChange={(e) => set("snapshots", e.target.value)} data-testid="plan-snapshot-limit" />, t("snapshotLimitHint"))}
        {field("os_choices", t("os"), <textarea {...aria("os_choices")} rows={4} value={draft.os} onChange={(e) => set("os", e.target.value)} className={area} />, t("osHint"))}
        {field("description", t("description"), <textarea {...aria("description")} rows={2} value={draft.description} onChange={(e) => set("description", e.target.value)} className={area} maxLength={2000} />)}
      </div>
      <label className="flex items-start gap-3 text-sm">
        <input type="checkbox" checked={draft.active} onChange={(e) => set("active", e.target.checked)} className="mt-0.5 size-4 rounded border-slate-300 text-sky-600 focus:ring-sky-500" data-testid="plan-active" />
        <span>
          <span className="font-medium text-slate-800">{t("active")}</span>
          <span className="block text-xs text-slate-500">{t("activeHint")}</span>
        </span>
      </label>
      {serverError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="plan-server-error">{t("loadFailed", { message: serverError })}</p>
      )}
      <div className="flex flex-wrap justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onCancel}>{t("cancel")}</Button>
        <Button type="submit" disabled={pending} aria-busy={pending} data-testid="plan-save">
          {pending && <span aria-hidden className="size-4 animate-spin rounded-full border-2 border-white/40 border-t-white" />}
          {pending ? t("saving") : t("save")}
        </Button>
      </div>
    </form>
  );
}
