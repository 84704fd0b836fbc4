// PATCH /api/alerts/:id — change some fields of an alert rule; DELETE — delete it. The
// rule's owner or an admin (session, or a vps:write token); anyone else's rule is 404.
import { reply, route } from "@/lib/http/handler";
import { idParams } from "@/lib/http/params";
import { deleteAlertRule, updateAlertRule } from "@/lib/alerts/alert-rules";
import { updateAlertRuleBody } from "@/lib/alerts/schemas";

export const PATCH = route.user(
  { method: "PATCH", path: "/api/alerts/:id", tokenScope: "vps:write", idempotent: true, params: idParams("Alert rule"), body: updateAlertRuleBody, maxBody: 8 * 1024 },
  async ({ db, actor, params, body, audit }) => ({ rule: await updateAlertRule(db, actor, params.id, body, audit) }),
);

export const DELETE = route.user(
  { method: "DELETE", path: "/api/alerts/:id", tokenScope: "vps:write", params: idParams("Alert rule") },
  async ({ db, actor, params, audit }) => {
    await deleteAlertRule(db, actor, params.id, audit);
    return reply.empty(204);
  },
);
