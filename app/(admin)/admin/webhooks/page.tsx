import { WebhookList } from "@/components/webhooks/webhook-list";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { actorOf } from "@/lib/users/actor";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";
import { webhookStats } from "@/lib/webhooks/webhook-stats";

export default async function WebhooksPage() {
  const actor = actorOf(await requireAdmin());
  const db = await getDb();
  const [list, stats] = await Promise.all([listWebhooks(db, actor, { limit: 200, offset: 0 }), webhookStats(db, actor)]);
  return <WebhookList initial={list} initialStats={stats} />;
}
