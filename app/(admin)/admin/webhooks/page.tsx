import { WebhookList } from "@/components/webhooks/webhook-list";
import { getDb } from "@/lib/db";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";
import { webhookStats } from "@/lib/webhooks/webhook-stats";

export default async function WebhooksPage() {
  const db = await getDb();
  const [list, stats] = await Promise.all([listWebhooks(db, { limit: 200, offset: 0 }), webhookStats(db)]);
  return <WebhookList initial={list} initialStats={stats} />;
}
