import Link from "next/link";
import { notFound } from "next/navigation";
import { WebhookForm } from "@/components/webhooks/webhook-form";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getI18n } from "@/lib/i18n/server";
import { actorOf } from "@/lib/users/actor";
import { getWebhook } from "@/lib/webhooks/get-webhook";

export default async function EditWebhookPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = actorOf(await requireAdmin());
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) notFound();
  const webhook = await getWebhook(await getDb(), actor, Number(id)).catch((err) => {
    if (err instanceof AppError && err.status === 404) notFound();
    throw err;
  });
  const { t } = await getI18n();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Link href={`/admin/webhooks/${webhook.id}`} className="text-sm text-sky-700 hover:underline">← {webhook.name}</Link>
      <h1 className="text-2xl font-semibold text-slate-900">{t("webhooks.form.titleEdit")}</h1>
      <WebhookForm webhook={webhook} />
    </div>
  );
}
