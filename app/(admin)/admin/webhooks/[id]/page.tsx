import { notFound } from "next/navigation";
import { WebhookDetail } from "@/components/webhooks/webhook-detail";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { actorOf } from "@/lib/users/actor";
import { getWebhook } from "@/lib/webhooks/get-webhook";

export default async function WebhookPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = actorOf(await requireAdmin());
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) notFound();
  const webhook = await getWebhook(await getDb(), actor, Number(id)).catch((err) => {
    if (err instanceof AppError && err.status === 404) notFound();
    throw err;
  });
  return <WebhookDetail initial={webhook} />;
}
