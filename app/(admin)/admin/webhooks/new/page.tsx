import Link from "next/link";
import { WebhookForm } from "@/components/webhooks/webhook-form";
import { getI18n } from "@/lib/i18n/server";
import { openAdminPage } from "@/lib/admin/page";
import { QueryProvider } from "@/components/query-provider";

export default async function NewWebhookPage() {
  await openAdminPage();
  const { t } = await getI18n();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Link href="/admin/webhooks" className="text-sm text-sky-700 hover:underline">← {t("webhooks.detail.back")}</Link>
      <h1 className="text-2xl font-semibold text-slate-900">{t("webhooks.form.titleNew")}</h1>
      <QueryProvider><WebhookForm /></QueryProvider>
    </div>
  );
}
