import Link from "next/link";
import { StatusBadge } from "@/components/vps/status-badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { getAdminOverview } from "@/lib/admin-overview";
import { getI18n } from "@/lib/i18n/server";
import { VPS_STATUSES } from "@/lib/vps/view";
import { openAdminPage } from "@/lib/admin/page";

export const dynamic = "force-dynamic";

export default async function AdminHome() {
  const { actor, db } = await openAdminPage();
  const { t, format } = await getI18n();
  const o = await getAdminOverview(db, actor);
  const stats = [
    { label: t("admin.users"), value: o.clients + o.admins, hint: t("admin.clients", { n: o.clients }) },
    { label: t("admin.vpsTotal"), value: o.vpsTotal },
    { label: t("admin.plans"), value: o.plans, hint: t("admin.activePlans", { n: o.activePlans }) },
    { label: t("admin.webhooks"), value: o.webhooks, href: "/admin/webhooks" },
  ];
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-x-6 gap-y-2">
        <h1 className="text-2xl font-semibold text-slate-900">{t("admin.title")}</h1>
        {/* Also in the header; here with its full name, next to the numbers it explains. */}
        <Link href="/admin/sync-log" className="rounded-md text-sm font-medium text-sky-700 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-500" data-testid="admin-sync-log-link">
          {t("syncLog.title")} →
        </Link>
      </div>
      <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        {stats.map((s) => (
          <Card key={s.label} className="p-4">
            <dt className="text-sm text-slate-500">{s.label}</dt>
            <dd className="mt-1 text-2xl font-semibold text-slate-900" data-testid="admin-stat">{s.value}</dd>
            {s.href && <dd className="text-xs"><Link href={s.href} className="text-sky-700 hover:underline">{t("webhooks.title")} →</Link></dd>}
            {s.hint && <dd className="text-xs text-slate-500">{s.hint}</dd>}
          </Card>
        ))}
      </dl>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader><h2 className="font-medium text-slate-900">{t("admin.byStatus")}</h2></CardHeader>
          <CardBody>
            <ul className="space-y-2">
              {VPS_STATUSES.map((s) => (
                <li key={s} className="flex items-center justify-between">
                  <StatusBadge status={s} />
                  <span className="tabular-nums text-slate-700">{o.byStatus[s] ?? 0}</span>
                </li>
              ))}
            </ul>
          </CardBody>
        </Card>
        <Card>
          <CardHeader><h2 className="font-medium text-slate-900">{t("admin.recentEvents")}</h2></CardHeader>
          <CardBody>
            {o.recent.length === 0 ? (
              <p className="py-6 text-center text-sm text-slate-500">{t("admin.noEvents")}</p>
            ) : (
              <table className="w-full text-sm">
                <thead className="text-left text-xs uppercase text-slate-500">
                  <tr><th scope="col" className="pb-2">{t("admin.event")}</th><th scope="col" className="pb-2 text-right">{t("admin.at")}</th></tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {o.recent.map((e) => (
                    <tr key={e.id}>
                      <td className="py-1.5 font-mono text-xs text-slate-700">{e.type}{e.vpsId ? ` #${e.vpsId}` : ""}</td>
                      <td className="py-1.5 text-right text-slate-500">{format.dateTime(e.createdAt, "precise")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </CardBody>
        </Card>
      </div>
    </div>
  );
}
