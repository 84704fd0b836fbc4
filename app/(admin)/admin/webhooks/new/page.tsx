import Link from "next/link";
import { WebhookForm } from "@/components/webhooks/webhook-form";
import { requireAdmin } from "@/lib/auth/session";
import { getI18n } from "@/lib/i18n/server";

export default async function NewWebhookPage() {
  await requireAdmin();
  const { t } = await getI18n();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Link href="/admin/webhooks" className="text-sm text-sky-700 hover:underline">← {t("webhooks.detail.back")}</Link>
      <h1 className="text-2xl font-semibold text-slate-900">{t("webhooks.form.titleNew")}</h1>
      <WebhookForm />
    </div>
  );
}
