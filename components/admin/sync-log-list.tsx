// /admin/sync-log: the inbound log of machine calls with its filters (outcome, endpoint, VPS)
// and pages, in the list kit: on phones the call, answer and address stack under the time.
import Link from "next/link";
import type { Column } from "@/components/list/data-table";
import { FilterField } from "@/components/list/filter-field";
import { ListFilters } from "@/components/list/list-filters";
import { PagedList } from "@/components/list/paged-list";
import { Badge } from "@/components/ui/badge";
import { SyncLogLive } from "./sync-log-live";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { INBOUND_OUTCOMES, type InboundCallView, type InboundPageQuery } from "@/lib/inbound-log/schemas";
import { getI18n } from "@/lib/i18n/server";
import type { Page } from "@/lib/list/page";
import { queryString } from "@/lib/utils/query-string";

function href(q: InboundPageQuery, page: number) {
  const { status, endpoint, vps, per_page } = q;
  return `/admin/sync-log${queryString({ status, endpoint, vps, per_page, page }, { per_page: 50, page: 1 })}`;
}

export async function AdminSyncLogList({ query, result, endpoints }: { query: InboundPageQuery; result: Page<InboundCallView>; endpoints: string[] }) {
  const { t, format } = await getI18n();
  const filtered = Boolean(query.status || query.endpoint || query.vps);
  const choices = query.endpoint && !endpoints.includes(query.endpoint) ? [...endpoints, query.endpoint] : endpoints;
  const columns: Column<InboundCallView>[] = [
    {
      key: "time",
      header: t("syncLog.time"),
      priority: 1,
      className: "md:whitespace-nowrap md:align-top",
      cell: (c) => <time dateTime={c.created_at}>{format.dateTime(new Date(c.created_at), "precise")}</time>,
    },
    {
      key: "call",
      header: t("syncLog.call"),
      wide: true,
      className: "md:max-w-xs md:align-top",
      cell: (c) => (
        <>
          <span className="font-mono text-xs text-slate-900">
            {c.method}{" "}
            <Link href={`/admin/sync-log?endpoint=${encodeURIComponent(c.endpoint)}`} className="hover:underline">{c.endpoint}</Link>
          </span>
          <span className="mt-0.5 flex flex-wrap items-center gap-x-2 text-xs text-slate-500">
            {c.action && <span className="font-mono">{c.action}</span>}
            {c.vps_id !== null && <Link href={`/admin/sync-log?vps=${c.vps_id}`} className="text-sky-700 hover:underline">VPS #{c.vps_id}</Link>}
            {c.external_id && <span>{t("syncLog.external", { id: c.external_id })}</span>}
          </span>
        </>
      ),
    },
    {
      key: "result",
      header: t("syncLog.result"),
      wide: true,
      className: "md:max-w-sm md:align-top",
      cell: (c) => (
        <>
          <span className="inline-flex items-center gap-2">
            <Badge tone={c.status < 400 ? "green" : c.status < 500 ? "amber" : "red"}>{c.status}</Badge>
            <span className="text-xs text-slate-500">{t("syncLog.duration", { ms: c.duration_ms })}</span>
          </span>
          {c.message && (
            <span className="mt-0.5 block break-words text-xs text-slate-700 md:truncate" title={c.message}>
              {c.error_code && <span className="font-mono text-slate-500">{c.error_code}: </span>}
              {c.message}
            </span>
          )}
        </>
      ),
    },
    { key: "address", header: t("syncLog.address"), className: "font-mono md:whitespace-nowrap md:align-top md:text-xs", cell: (c) => c.client_address ?? "—" },
    { key: "request", header: t("syncLog.requestId"), priority: 3, className: "font-mono text-xs text-slate-500 md:align-top", cell: (c) => c.request_id },
  ];
  return (
    <PagedList
      shell={{
        id: "sync-log-heading",
        title: t("syncLog.title"),
        summary: `${t("syncLog.total", { n: result.total })} · ${t("syncLog.intro")}`,
        aside: <SyncLogLive firstPage={result.page === 1} labels={{ live: t("syncLog.live"), paused: t("syncLog.paused"), offline: t("syncLog.offline") }} />,
      }}
      result={result}
      href={(page) => href(query, page)}
      empty={filtered ? t("syncLog.emptyFiltered") : t("syncLog.empty")}
      table={{ columns, rowKey: (c) => c.id, rowProps: (c) => ({ "data-testid": "sync-log-row", "data-status": String(c.status), "data-request-id": c.request_id }) }}
      filters={
        <ListFilters
          action="/admin/sync-log"
          label={t("syncLog.filters")}
          filtered={filtered}
          className="grid grid-cols-2 gap-3 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.6fr)_minmax(0,0.8fr)_auto] lg:items-end"
          actionsClassName="col-span-2 lg:col-span-1"
        >
          <FilterField id="sync-log-status" label={t("syncLog.status")}>
            <Select id="sync-log-status" name="status" defaultValue={query.status ?? ""}>
              <option value="">{t("syncLog.anyStatus")}</option>
              {INBOUND_OUTCOMES.map((s) => (
                <option key={s} value={s}>{t(`syncLog.statuses.${s}`)}</option>
              ))}
            </Select>
          </FilterField>
          <FilterField id="sync-log-endpoint" label={t("syncLog.endpoint")}>
            <Select id="sync-log-endpoint" name="endpoint" defaultValue={query.endpoint ?? ""}>
              <option value="">{t("syncLog.anyEndpoint")}</option>
              {choices.map((e) => (
                <option key={e} value={e}>{e}</option>
              ))}
            </Select>
          </FilterField>
          <FilterField id="sync-log-vps" label={t("syncLog.vps")} wide>
            <Input id="sync-log-vps" name="vps" inputMode="numeric" defaultValue={query.vps ?? ""} maxLength={10} autoComplete="off" />
          </FilterField>
        </ListFilters>
      }
    />
  );
}
