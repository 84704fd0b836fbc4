// /admin/audit: the audit log with its filters (actor, action, target, dates) and pages,
// in the list kit: on phones the actor, action, target and address stack under the time.
import Link from "next/link";
import type { Column } from "@/components/list/data-table";
import { ListFilters } from "@/components/list/list-filters";
import { FilterField } from "@/components/list/filter-field";
import { PagedList } from "@/components/list/paged-list";
import { Badge } from "@/components/ui/badge";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { AUDIT_TARGET_TYPES } from "@/lib/audit/actions";
import type { AuditEntryView, AuditPageQuery } from "@/lib/audit/schemas";
import { getI18n } from "@/lib/i18n/server";
import type { Page } from "@/lib/list/page";
import { queryString } from "@/lib/utils/query-string";

const TONE = { user: "blue", token: "amber", machine: "green", system: "gray" } as const;

function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" · ");
}

function href(q: AuditPageQuery, page: number) {
  const { actor, action, target_type, target_id, from, to, per_page } = q;
  return `/admin/audit${queryString({ actor, action, target_type, target_id, from, to, per_page, page }, { per_page: 50, page: 1 })}`;
}

export async function AdminAuditList({ query, result }: { query: AuditPageQuery; result: Page<AuditEntryView> }) {
  const { t, format } = await getI18n();
  const targetLabel = (type: string | null) =>
    type && t.has(`audit.targets.${type}` as "audit.targets.user") ? t(`audit.targets.${type}` as "audit.targets.user") : (type ?? "—");
  const target = (e: AuditEntryView) => (e.target.type ? `${targetLabel(e.target.type)}${e.target.id ? ` #${e.target.id}` : ""}` : "—");
  const filtered = Boolean(query.actor || query.action || query.target_type || query.target_id || query.from || query.to);
  const columns: Column<AuditEntryView>[] = [
    {
      key: "time",
      header: t("audit.time"),
      priority: 1,
      className: "md:whitespace-nowrap md:align-top",
      cell: (e) => <time dateTime={e.created_at}>{format.dateTime(new Date(e.created_at), "precise")}</time>,
    },
    {
      key: "actor",
      header: t("audit.actor"),
      wide: true,
      className: "md:max-w-[16rem] md:align-top",
      cell: (e) => (
        <>
          <span className="font-medium text-slate-900 md:block md:truncate" title={e.actor.label ?? undefined}>
            {e.actor.label ?? (e.actor.user_id === null && e.actor.type === "user" ? t("audit.anonymous") : "—")}
          </span>
          <span className="mt-0.5 ml-1 inline-flex flex-wrap items-center gap-1 text-xs text-slate-500 md:ml-0 md:flex">
            <Badge tone={TONE[e.actor.type]}>{t(`audit.actorTypes.${e.actor.type}`)}</Badge>
            {e.actor.user_id !== null && <Link href={`/admin/audit?actor=${e.actor.user_id}`} className="text-sky-700 hover:underline">#{e.actor.user_id}</Link>}
            {e.actor.token_id !== null && <span>· token #{e.actor.token_id}</span>}
          </span>
        </>
      ),
    },
    {
      key: "action",
      header: t("audit.action"),
      wide: true,
      className: "md:max-w-xs md:align-top",
      cell: (e) => {
        const details = detailsText(e.details);
        return (
          <>
            <Link href={`/admin/audit?action=${encodeURIComponent(e.action)}`} className="font-mono text-xs text-slate-900 hover:underline">{e.action}</Link>
            {details && <span className="mt-0.5 block truncate text-xs text-slate-500" title={details}>{details}</span>}
          </>
        );
      },
    },
    {
      key: "target",
      header: t("audit.target"),
      className: "md:whitespace-nowrap md:align-top",
      cell: (e) =>
        e.target.type && e.target.id ? (
          <Link href={`/admin/audit?target_type=${e.target.type}&target_id=${e.target.id}`} className="text-sky-700 hover:underline">{target(e)}</Link>
        ) : (
          target(e)
        ),
    },
    { key: "address", header: t("audit.address"), className: "font-mono md:whitespace-nowrap md:align-top md:text-xs", cell: (e) => e.client_address ?? "—" },
    { key: "request", header: t("audit.requestId"), priority: 3, className: "font-mono text-xs text-slate-500 md:align-top", cell: (e) => e.request_id ?? "—" },
  ];
  return (
    <PagedList
      shell={{ id: "audit-heading", title: t("audit.title"), summary: t("audit.total", { n: result.total }) }}
      result={result} href={(page) => href(query, page)} empty={t("audit.empty")}
      table={{ columns, rowKey: (e) => e.id, rowProps: (e) => ({ "data-testid": "audit-row", "data-action": e.action }) }}
      filters={
        <ListFilters
          action="/admin/audit"
          label={t("audit.filters")}
          filtered={filtered}
          className="grid grid-cols-2 gap-3 lg:grid-cols-[minmax(0,1.4fr)_minmax(0,1.2fr)_minmax(0,1fr)_minmax(0,0.8fr)_minmax(0,1fr)_minmax(0,1fr)_auto] lg:items-end"
          actionsClassName="col-span-2 lg:col-span-1"
        >
          <FilterField id="audit-actor" label={t("audit.actor")} wide>
            <Input id="audit-actor" name="actor" type="search" defaultValue={query.actor ?? ""} placeholder={t("audit.actorPlaceholder")} maxLength={254} autoComplete="off" />
          </FilterField>
          <FilterField id="audit-action" label={t("audit.action")} wide>
            <Input id="audit-action" name="action" type="search" defaultValue={query.action ?? ""} placeholder={t("audit.actionPlaceholder")} maxLength={64} autoComplete="off" />
          </FilterField>
          <FilterField id="audit-target-type" label={t("audit.targetType")}>
            <Select id="audit-target-type" name="target_type" defaultValue={query.target_type ?? ""}>
              <option value="">{t("audit.anyTarget")}</option>
              {AUDIT_TARGET_TYPES.map((type) => (
                <option key={type} value={type}>{t(`audit.targets.${type}`)}</option>
              ))}
            </Select>
          </FilterField>
          <FilterField id="audit-target-id" label={t("audit.targetId")}>
            <Input id="audit-target-id" name="target_id" inputMode="numeric" defaultValue={query.target_id ?? ""} maxLength={19} autoComplete="off" />
          </FilterField>
          <FilterField id="audit-from" label={t("audit.from")}>
            <Input id="audit-from" name="from" type="date" defaultValue={query.from?.slice(0, 10) ?? ""} />
          </FilterField>
          <FilterField id="audit-to" label={t("audit.to")}>
            <Input id="audit-to" name="to" type="date" defaultValue={query.to?.slice(0, 10) ?? ""} />
          </FilterField>
        </ListFilters>
      }
    />
  );
}
