import { WebhookList } from "@/components/webhooks/webhook-list";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";
import { webhookStats } from "@/lib/webhooks/webhook-stats";
import { openAdminPage } from "@/lib/admin/page";
import { QueryProvider } from "@/components/query-provider";

export default async function WebhooksPage() {
  const { actor, db } = await openAdminPage();
  const [list, stats] = await Promise.all([listWebhooks(db, actor, { limit: 200, offset: 0 }), webhookStats(db, actor)]);
  return <QueryProvider><WebhookList initial={list} initialStats={stats} /></QueryProvider>;
}
