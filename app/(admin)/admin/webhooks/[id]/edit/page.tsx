import Link from "next/link";
import { WebhookForm } from "@/components/webhooks/webhook-form";
import { getI18n } from "@/lib/i18n/server";
import { getWebhook } from "@/lib/webhooks/get-webhook";
import { type IdParams, openAdminPage, orNotFound, pageId } from "@/lib/admin/page";
import { QueryProvider } from "@/components/query-provider";

export default async function EditWebhookPage({ params }: { params: IdParams }) {
  const { actor, db } = await openAdminPage();
  const webhook = await orNotFound(getWebhook(db, actor, await pageId(params, "Webhook")));
  const { t } = await getI18n();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Link href={`/admin/webhooks/${webhook.id}`} className="text-sm text-sky-700 hover:underline">← {webhook.name}</Link>
      <h1 className="text-2xl font-semibold text-slate-900">{t("webhooks.form.titleEdit")}</h1>
      <QueryProvider><WebhookForm webhook={webhook} /></QueryProvider>
    </div>
  );
}
