// GET /api/webhooks/stats — webhook and delivery counts
import { getDb } from "@/lib/db";
import { route } from "@/lib/http/handler";
import { WEBHOOKS_SCOPE } from "@/lib/webhooks/policy";
import { webhookStats } from "@/lib/webhooks/webhook-stats";

export const GET = route({ auth: "admin", tokenScope: WEBHOOKS_SCOPE }, async ({ actor }) => webhookStats(await getDb(), actor!));
