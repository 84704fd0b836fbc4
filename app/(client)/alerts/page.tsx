import type { Metadata } from "next";
import { AlertRules } from "@/components/alerts/alert-rules";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getI18n } from "@/lib/i18n/server";
import { listVpsNames } from "@/lib/vps/list-vps-names";
import { QueryProvider } from "@/components/query-provider";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: `${t("alertRules.pageTitle")} — ospab panel` };
}

// Every alert rule of the signed-in user (the list reads /api/alerts: own rules only).
export default async function AlertsPage() {
  const user = await requireUser();
  const servers = await listVpsNames(await getDb(), user.id);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold text-slate-900">{(await getI18n()).t("alertRules.pageTitle")}</h1>
      <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <QueryProvider><AlertRules servers={servers} headingLevel={2} /></QueryProvider>
      </div>
    </div>
  );
}
