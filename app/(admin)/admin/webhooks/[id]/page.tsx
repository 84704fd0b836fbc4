import { WebhookDetail } from "@/components/webhooks/webhook-detail";
import { getWebhook } from "@/lib/webhooks/get-webhook";
import { type IdParams, openAdminPage, orNotFound, pageId } from "@/lib/admin/page";
import { QueryProvider } from "@/components/query-provider";

export default async function WebhookPage({ params }: { params: IdParams }) {
  const { actor, db } = await openAdminPage();
  const webhook = await orNotFound(getWebhook(db, actor, await pageId(params, "Webhook")));
  return <QueryProvider><WebhookDetail initial={webhook} /></QueryProvider>;
}
