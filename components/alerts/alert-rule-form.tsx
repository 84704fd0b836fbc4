"use client";
// A new alert rule, or an existing one edited in place: which server (this one, a given one or
// all of mine), the metric with its localised name and unit, above/below, the threshold in the
// unit people read (%, MB, MB/s, Mbit/s; stored in the samples' units), for how many minutes,
// the channels and (editing) on/off. Email is offered only where the panel can send it. An
// edit sends only the fields that changed (PATCH /api/alerts/{id}).
import { useId, useState, type FormEvent } from "react";
import { useLocale, useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { isApiError } from "@/lib/api-client";
import type { UpdateAlertRuleBody } from "@/lib/alerts/schemas";
import { ALERT_CHANNELS, ALERT_METRICS, type AlertChannel, type AlertMetric, type AlertRuleView } from "@/lib/alerts/types";
import { INPUT_UNITS, toInputThreshold, toStoredThreshold } from "@/lib/notifications/metric-units";
import { useCreateAlertRule, useUpdateAlertRule } from "./queries";

export interface VpsChoice {
  id: number;
  name: string;
}

/** What an edit changes: only the fields that differ from the rule (empty: nothing to send). */
export function rulePatch(rule: AlertRuleView, next: Required<Omit<UpdateAlertRuleBody, "channels">> & { channels: AlertChannel[] }): UpdateAlertRuleBody {
  const patch: UpdateAlertRuleBody = {};
  if (next.vps_id !== rule.vps_id) patch.vps_id = next.vps_id;
  if (next.metric !== rule.metric) patch.metric = next.metric;
  if (next.op !== rule.op) patch.op = next.op;
  // The threshold is compared in the unit it was typed in, so an unchanged 12.5 Mbit/s is not re-sent with float noise.
  if (next.metric !== rule.metric || toInputThreshold(next.metric, next.threshold) !== toInputThreshold(rule.metric, rule.threshold)) patch.threshold = next.threshold;
  // cpu_percent's range is checked with the metric: send it along with a new threshold.
  if (patch.threshold !== undefined) patch.metric = next.metric;
  if (next.for_minutes !== rule.for_minutes) patch.for_minutes = next.for_minutes;
  const sorted = (l: readonly AlertChannel[]) => ALERT_CHANNELS.filter((c) => l.includes(c)).join(",");
  if (sorted(next.channels) !== sorted(rule.channels)) patch.channels = next.channels;
  if (next.enabled !== rule.enabled) patch.enabled = next.enabled;
  return patch;
}

export function AlertRuleForm({
  servers,
  defaultVpsId,
  emailAvailable,
  onDone,
  rule,
}: {
  servers: VpsChoice[];
  defaultVpsId: number | null;
  emailAvailable: boolean;
  onDone: () => void;
  /** Edit this rule instead of creating one. */
  rule?: AlertRuleView;
}) {
  const t = useTranslations("alertRules");
  const locale = useLocale();
  const id = useId();
  const create = useCreateAlertRule();
  const update = useUpdateAlertRule();
  const saving = rule ? update : create;
  const startScope = rule ? rule.vps_id : defaultVpsId;
  const [scope, setScope] = useState(startScope === null ? "all" : String(startScope));
  const [metric, setMetric] = useState<AlertMetric>(rule?.metric ?? "cpu_percent");
  const [op, setOp] = useState<">" | "<">(rule?.op ?? ">");
  // Shown with the reader's decimal separator (typed either way: "," is read as ".").
  const [threshold, setThreshold] = useState(rule ? String(toInputThreshold(rule.metric, rule.threshold)).replace(".", locale === "ru" ? "," : ".") : "90");
  const [minutes, setMinutes] = useState(rule ? String(rule.for_minutes) : "5");
  // Editing with email unavailable keeps the rule's email channel as it is (it cannot be chosen here).
  const [channels, setChannels] = useState<AlertChannel[]>(rule?.channels ?? ["panel"]);
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const [problem, setProblem] = useState<{ field: "threshold" | "minutes" | "channels" | "form"; text: string } | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    const typed = Number(threshold.replace(",", "."));
    const mins = Number(minutes);
    if (threshold.trim() === "" || !Number.isFinite(typed) || typed < 0 || (metric === "cpu_percent" && typed > 100)) return setProblem({ field: "threshold", text: t("thresholdInvalid") });
    if (!Number.isInteger(mins) || mins < 1 || mins > 1440) return setProblem({ field: "minutes", text: t("minutesInvalid") });
    const chosen = channels.filter((c) => c !== "email" || emailAvailable || (rule?.channels.includes("email") ?? false));
    if (chosen.filter((c) => c !== "email" || emailAvailable).length === 0) return setProblem({ field: "channels", text: t("channelsInvalid") });
    setProblem(null);
    const fields = { vps_id: scope === "all" ? null : Number(scope), metric, op, threshold: toStoredThreshold(metric, typed), for_minutes: mins, channels: chosen };
    const onError = (err: unknown) => setProblem({ field: "form", text: t("failed", { message: isApiError(err) ? err.message : String(err) }) });
    if (rule) {
      const patch = rulePatch(rule, { ...fields, enabled });
      if (Object.keys(patch).length === 0) return onDone();
      update.mutate({ id: rule.id, ...patch }, { onSuccess: onDone, onError });
    } else {
      create.mutate(fields, { onSuccess: onDone, onError });
    }
  }

  const err = (field: string) => (problem?.field === field ? `${id}-${field}-error` : undefined);
  return (
    <form onSubmit={submit} noValidate className="space-y-4 text-slate-900" data-testid="alert-rule-form">
      <div>
        <Label htmlFor={`${id}-scope`}>{t("scope")}</Label>
        <Select id={`${id}-scope`} value={scope} onChange={(e) => setScope(e.target.value)} data-testid="rule-scope">
          {servers.map((s) => <option key={s.id} value={String(s.id)}>{s.name}</option>)}
          <option value="all">{t("scopeAllHint")}</option>
        </Select>
      </div>
      <div>
        <Label htmlFor={`${id}-metric`}>{t("metricLabel")}</Label>
        <Select id={`${id}-metric`} value={metric} onChange={(e) => setMetric(e.target.value as AlertMetric)} data-testid="rule-metric">
          {ALERT_METRICS.map((m) => <option key={m} value={m}>{t(`metric.${m}`)} ({t(`unit.${INPUT_UNITS[m].unit}`)})</option>)}
        </Select>
      </div>
      <div className="grid grid-cols-2 gap-3">
        <div>
          <Label htmlFor={`${id}-op`}>{t("opLabel")}</Label>
          <Select id={`${id}-op`} value={op} onChange={(e) => setOp(e.target.value as ">" | "<")} data-testid="rule-op">
            <option value=">">{t("opSymbol.gt")}</option>
            <option value="<">{t("opSymbol.lt")}</option>
          </Select>
        </div>
        <div>
          <Label htmlFor={`${id}-threshold`}>{t("thresholdLabel")}, {t(`unit.${INPUT_UNITS[metric].unit}`)}</Label>
          <Input id={`${id}-threshold`} inputMode="decimal" value={threshold} onChange={(e) => setThreshold(e.target.value)} aria-invalid={problem?.field === "threshold"} aria-describedby={err("threshold")} data-testid="rule-threshold" />
        </div>
      </div>
      {problem?.field === "threshold" && <p id={err("threshold")} className="-mt-2 text-sm text-red-700">{problem.text}</p>}
      <div>
        <Label htmlFor={`${id}-minutes`}>{t("minutesLabel")}</Label>
        <Input id={`${id}-minutes`} inputMode="numeric" value={minutes} onChange={(e) => setMinutes(e.target.value)} aria-invalid={problem?.field === "minutes"} aria-describedby={err("minutes")} className="max-w-32" data-testid="rule-minutes" />
        {problem?.field === "minutes" && <p id={err("minutes")} className="mt-1 text-sm text-red-700">{problem.text}</p>}
      </div>
      <fieldset aria-describedby={err("channels")}>
        <legend className="mb-1 text-sm font-medium text-slate-700">{t("channelsLabel")}</legend>
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {ALERT_CHANNELS.map((c) => {
            const off = c === "email" && !emailAvailable;
            return (
              <label key={c} className={off ? "flex items-center gap-2 text-sm text-slate-400" : "flex items-center gap-2 text-sm text-slate-800"}>
                <input
                  type="checkbox"
                  checked={!off && channels.includes(c)}
                  disabled={off}
                  onChange={(e) => setChannels((list) => (e.target.checked ? [...list, c] : list.filter((x) => x !== c)))}
                  className="size-4 accent-sky-600"
                  data-testid={`rule-channel-${c}`}
                />
                {t(`channel.${c}`)}
                {off && <span className="text-xs">({t("emailUnavailable")})</span>}
              </label>
            );
          })}
        </div>
        {problem?.field === "channels" && <p id={err("channels")} className="mt-1 text-sm text-red-700">{problem.text}</p>}
      </fieldset>
      {rule && (
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} className="size-4 accent-sky-600" data-testid="rule-enabled" />
          {t("enabled")}
        </label>
      )}
      {problem?.field === "form" && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="rule-form-error">{problem.text}</p>}
      <div className="flex flex-wrap justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onDone}>{t("cancel")}</Button>
        <Button type="submit" disabled={saving.isPending} data-testid="rule-submit">
          {saving.isPending && <Spinner />}
          {saving.isPending ? t("creating") : rule ? t("save") : t("create")}
        </Button>
      </div>
    </form>
  );
}
