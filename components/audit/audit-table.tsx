// The audit log as one table for every width: on phones the actor, target and address fold
// under the time and action instead of taking columns of their own.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { AuditEntryView } from "@/lib/audit/schemas";
import { getI18n } from "@/lib/i18n/server";

const TONE = { user: "blue", token: "amber", machine: "green", system: "gray" } as const;

function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" · ");
}

export async function AuditTable({ entries }: { entries: AuditEntryView[] }) {
  const { t, format } = await getI18n();
  if (entries.length === 0)
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center text-sm text-slate-500" data-testid="list-empty">
        {t("audit.empty")}
      </p>
    );
  const targetLabel = (type: string | null) =>
    type && t.has(`audit.targets.${type}` as "audit.targets.user") ? t(`audit.targets.${type}` as "audit.targets.user") : (type ?? "—");
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm [&_td]:px-4 [&_td]:py-3 [&_td]:align-top [&_th]:px-4 [&_th]:py-3">
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col">{t("audit.time")}</th>
            <th scope="col" className="hidden sm:table-cell">{t("audit.actor")}</th>
            <th scope="col">{t("audit.action")}</th>
            <th scope="col" className="hidden sm:table-cell">{t("audit.target")}</th>
            <th scope="col" className="hidden md:table-cell">{t("audit.address")}</th>
            <th scope="col" className="hidden xl:table-cell">{t("audit.requestId")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 text-slate-700">
          {entries.map((e) => {
            const details = detailsText(e.details);
            const target = e.target.type ? `${targetLabel(e.target.type)}${e.target.id ? ` #${e.target.id}` : ""}` : "—";
            return (
              <tr key={e.id} data-testid="audit-row" data-action={e.action} className="hover:bg-slate-50">
                <td className="sm:whitespace-nowrap">
                  <time dateTime={e.created_at} className="text-slate-900">
                    {format.dateTime(new Date(e.created_at), { dateStyle: "short", timeStyle: "medium" })}
                  </time>
                  <div className="text-xs text-slate-500 md:hidden">{e.client_address ?? "—"}</div>
                </td>
                <td className="hidden max-w-[16rem] sm:table-cell">
                  <div className="truncate font-medium text-slate-900" title={e.actor.label ?? undefined}>
                    {e.actor.label ?? (e.actor.user_id === null && e.actor.type === "user" ? t("audit.anonymous") : "—")}
                  </div>
                  <div className="mt-0.5 flex flex-wrap items-center gap-1 text-xs text-slate-500">
                    <Badge tone={TONE[e.actor.type]}>{t(`audit.actorTypes.${e.actor.type}`)}</Badge>
                    {e.actor.user_id !== null && (
                      <Link href={`/admin/audit?actor=${e.actor.user_id}`} className="text-sky-700 hover:underline">#{e.actor.user_id}</Link>
                    )}
                    {e.actor.token_id !== null && <span>· token #{e.actor.token_id}</span>}
                  </div>
                </td>
                <td className="max-w-[12rem] sm:max-w-xs">
                  <Link href={`/admin/audit?action=${encodeURIComponent(e.action)}`} className="font-mono text-xs text-slate-900 hover:underline">{e.action}</Link>
                  <div className="truncate text-xs text-slate-700 sm:hidden">
                    {e.actor.label ?? t(`audit.actorTypes.${e.actor.type}`)} · {target}
                  </div>
                  {details && <div className="mt-0.5 truncate text-xs text-slate-500" title={details}>{details}</div>}
                </td>
                <td className="hidden whitespace-nowrap sm:table-cell">
                  {e.target.type && e.target.id ? (
                    <Link href={`/admin/audit?target_type=${e.target.type}&target_id=${e.target.id}`} className="text-sky-700 hover:underline">{target}</Link>
                  ) : (
                    target
                  )}
                </td>
                <td className="hidden whitespace-nowrap font-mono text-xs md:table-cell">{e.client_address ?? "—"}</td>
                <td className="hidden font-mono text-xs text-slate-500 xl:table-cell">{e.request_id ?? "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
