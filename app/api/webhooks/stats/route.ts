// GET /api/webhooks/stats — webhook and delivery counts
import { route } from "@/lib/http/handler";
import { WEBHOOKS_SCOPE } from "@/lib/webhooks/policy";
import { webhookStats } from "@/lib/webhooks/webhook-stats";

export const GET = route.admin({ method: "GET", path: "/api/webhooks/stats", tokenScope: WEBHOOKS_SCOPE }, async ({ db, actor }) =>
  webhookStats(db, actor),
);
