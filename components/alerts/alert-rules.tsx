"use client";
// Alert rules as a list: on the VPS page the rules that watch that server (its own and the
// all-servers ones) with their state there; on /alerts every rule of the user. Each rule:
// what it watches in words and units, where, its state (ok / pending / firing, since when,
// the last value), edit (the same form, filled in), on/off, delete with a confirmation;
// "Add a rule" opens the form.
import { useState } from "react";
import { useFormatter, useLocale, useTranslations } from "use-intl";
import { DataTable, type Column } from "@/components/list/data-table";
import { EmptyState } from "@/components/list/empty-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import { isApiError } from "@/lib/api-client";
import type { Locale } from "@/lib/i18n/config";
import { formatMetricValue } from "@/lib/metrics/format";
import { AlertRuleForm, type VpsChoice } from "./alert-rule-form";
import { useAlertRules, useDeleteAlertRule, useNotificationPreferences, useUpdateAlertRule } from "./queries";
import type { AlertRuleView, AlertStateName, AlertStateView } from "@/lib/alerts/types";

const TONE: Record<AlertStateName | "none", "green" | "amber" | "red" | "gray"> = { ok: "green", pending: "amber", firing: "red", none: "gray" };
const RANK: Record<AlertStateName, number> = { ok: 0, pending: 1, firing: 2 };

const ALERT_ICON = (
  <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5"><path d="M12 3 2.5 20h19L12 3Z" strokeLinejoin="round" /><path d="M12 10v4m0 3h.01" strokeLinecap="round" /></svg>
);

/** The state that matters: this VPS's on its page, the worst of all on /alerts. */
function stateOf(rule: AlertRuleView, vpsId?: number): { state: AlertStateName | "none"; row?: AlertStateView; count: number } {
  const rows = vpsId === undefined ? rule.state : rule.state.filter((s) => s.vps_id === vpsId);
  if (rows.length === 0) return { state: "none", count: 0 };
  const worst = rows.reduce((a, b) => (RANK[b.state] > RANK[a.state] ? b : a));
  return { state: worst.state, row: worst, count: rows.filter((r) => r.state === worst.state).length };
}

export function AlertRules({ servers, vpsId, headingLevel = 2 }: { servers: VpsChoice[]; vpsId?: number; headingLevel?: 2 | 3 }) {
  const t = useTranslations("alertRules");
  const format = useFormatter();
  const locale = useLocale() as Locale;
  const rules = useAlertRules();
  const prefs = useNotificationPreferences();
  const update = useUpdateAlertRule();
  const remove = useDeleteAlertRule();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<AlertRuleView | null>(null);
  const [deleting, setDeleting] = useState<AlertRuleView | null>(null);
  const emailAvailable = prefs.data?.email_available ?? false;
  const names = new Map(servers.map((s) => [s.id, s.name]));
  const shown = (rules.data ?? []).filter((r) => vpsId === undefined || r.vps_id === vpsId || r.vps_id === null);

  const summary = (r: AlertRuleView) =>
    t("summary", { metric: t(`metric.${r.metric}`), op: r.op === "<" ? "lt" : "gt", threshold: formatMetricValue(locale, r.metric, r.threshold), minutes: r.for_minutes });
  const error = update.error ?? remove.error;

  const columns: Column<AlertRuleView>[] = [
    {
      key: "rule",
      header: t("colRule"),
      priority: 1,
      cell: (r) => (
        <div>
          <span data-testid="rule-summary">{summary(r)}</span>
          <span className="mt-0.5 block text-xs font-normal text-slate-500">{t("channelsShort", { list: r.channels.map((c) => t(`channel.${c}`)).join(", ") })}</span>
        </div>
      ),
    },
    {
      key: "state",
      header: t("colState"),
      priority: 1,
      cell: (r) => {
        const s = stateOf(r, vpsId);
        const shownState = r.enabled ? s.state : null;
        return (
          <div className="text-right md:text-left">
            {shownState ? (
              <Badge tone={TONE[shownState]} data-testid="rule-state" data-state={shownState}>
                {t(`state.${shownState}`)}{vpsId === undefined && r.vps_id === null && s.count > 1 ? ` × ${s.count}` : ""}
              </Badge>
            ) : (
              <Badge tone="gray" data-testid="rule-state" data-state="disabled">{t("disabled")}</Badge>
            )}
            {shownState && s.row && (
              <span className="mt-0.5 block text-xs text-slate-500">
                {t("since", { at: format.dateTime(new Date(s.row.since), "dateTime") })}
                {s.row.last_value !== null && ` · ${t("lastValue", { value: formatMetricValue(locale, r.metric, s.row.last_value) })}`}
              </span>
            )}
          </div>
        );
      },
    },
    { key: "scope", header: t("colScope"), cell: (r) => (r.vps_id === null ? t("scopeAll") : (names.get(r.vps_id) ?? `VPS #${r.vps_id}`)) },
    {
      key: "actions",
      header: <span className="sr-only">{t("colActions")}</span>,
      label: "",
      align: "right",
      wide: true,
      cell: (r) => (
        <div className="flex flex-wrap justify-end gap-2">
          <Button size="sm" variant="secondary" onClick={() => setEditing(r)} data-testid="rule-edit" aria-label={t("editRule", { rule: summary(r) })}>{t("edit")}</Button>
          <Button size="sm" variant="secondary" onClick={() => update.mutate({ id: r.id, enabled: !r.enabled })} disabled={update.isPending && update.variables?.id === r.id} data-testid="rule-toggle" aria-pressed={r.enabled}>
            {r.enabled ? t("disable") : t("enable")}
          </Button>
          <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50" onClick={() => setDeleting(r)} data-testid="rule-delete">{t("delete")}</Button>
        </div>
      ),
    },
  ];

  const Heading = headingLevel === 3 ? "h3" : "h2";
  return (
    <section aria-labelledby={`alert-rules-${vpsId ?? "all"}`} className="space-y-3" data-testid="alert-rules">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <Heading id={`alert-rules-${vpsId ?? "all"}`} className="font-medium text-slate-900">{t("title")}</Heading>
          <p className="mt-0.5 text-xs text-slate-500">{vpsId === undefined ? t("pageHint") : t("sectionHint")}</p>
        </div>
        <Button size="sm" onClick={() => setAdding(true)} data-testid="rule-add">{t("add")}</Button>
      </div>
      {error && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{t("failed", { message: isApiError(error) ? error.message : String(error) })}</p>}
      {rules.isPending ? (
        <p role="status" className="flex items-center gap-2 text-sm text-slate-600"><Spinner /> {t("loading")}</p>
      ) : rules.isError ? (
        <p role="alert" className="text-sm text-red-700">{t("error")} <button type="button" className="underline" onClick={() => void rules.refetch()}>{t("retry")}</button></p>
      ) : shown.length === 0 ? (
        <EmptyState icon={ALERT_ICON} title={t("emptyTitle")} text={t("emptyBody")} level={3} testId="alert-rules-empty" />
      ) : (
        <DataTable rows={shown} columns={columns} rowKey={(r) => r.id} label={t("title")} rowProps={(r) => ({ "data-testid": "alert-rule", "data-rule-id": r.id, "data-enabled": r.enabled })} />
      )}
      <Dialog open={adding} onClose={() => setAdding(false)} title={t("add")} testId="alert-rule-dialog">
        {adding && <AlertRuleForm servers={servers} defaultVpsId={vpsId ?? null} emailAvailable={emailAvailable} onDone={() => setAdding(false)} />}
      </Dialog>
      <Dialog open={editing !== null} onClose={() => setEditing(null)} title={t("editTitle")} testId="alert-rule-edit-dialog">
        {editing && <AlertRuleForm key={editing.id} rule={editing} servers={servers} defaultVpsId={editing.vps_id} emailAvailable={emailAvailable} onDone={() => setEditing(null)} />}
      </Dialog>
      <Dialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t("deleteConfirmTitle")}
        testId="rule-delete-dialog"
        footer={
          <>
            <Button variant="secondary" onClick={() => setDeleting(null)}>{t("cancel")}</Button>
            <Button
              variant="danger"
              disabled={remove.isPending}
              data-testid="rule-delete-confirm"
              onClick={() => deleting && remove.mutate(deleting.id, { onSettled: () => setDeleting(null) })}
            >
              {remove.isPending && <Spinner />}
              {t("delete")}
            </Button>
          </>
        }
      >
        {deleting && t("deleteConfirmBody", { rule: summary(deleting) })}
      </Dialog>
    </section>
  );
}
