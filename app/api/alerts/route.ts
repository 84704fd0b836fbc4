// GET /api/alerts — the caller's alert rules with their per-VPS states (an admin may pass
// ?user_id=); POST — create one. Session, or a token with vps:read (list) / vps:write (create).
import { reply, route } from "@/lib/http/handler";
import { createAlertRule, listAlertRules } from "@/lib/alerts/alert-rules";
import { createAlertRuleBody, listAlertRulesQuery } from "@/lib/alerts/schemas";

export const GET = route.user(
  { method: "GET", path: "/api/alerts", tokenScope: ["vps:read", "vps:write"], query: listAlertRulesQuery },
  async ({ db, actor, query }) => ({ rules: await listAlertRules(db, actor, { userId: query.user_id }) }),
);

export const POST = route.user(
  { method: "POST", path: "/api/alerts", tokenScope: "vps:write", idempotent: true, body: createAlertRuleBody, maxBody: 8 * 1024 },
  async ({ db, actor, body, audit }) => reply(201, { rule: await createAlertRule(db, actor, body, audit) }),
);
