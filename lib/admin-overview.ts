// Figures for the admin home page.
import type { Db } from "./db";
import { INTERNAL_EVENT_TYPES } from "./events/types";
import { assertAdmin } from "./users/access";
import type { Actor } from "./users/actor";
import { countVpsByStatus } from "./vps/list-vps";

export async function getAdminOverview(db: Db, actor: Actor) {
  assertAdmin(actor);
  const [clients, admins, byStatus, plans, activePlans, webhooks, recent] = await Promise.all([
    db.user.count({ where: { role: "client" } }),
    db.user.count({ where: { role: "admin" } }),
    countVpsByStatus(db),
    db.plan.count(),
    db.plan.count({ where: { isActive: true } }),
    db.webhook.count(),
    db.domainEvent.findMany({ where: { type: { notIn: [...INTERNAL_EVENT_TYPES] } }, orderBy: { id: "desc" }, take: 10, select: { id: true, type: true, createdAt: true, vpsId: true, userId: true } }),
  ]);
  const vpsTotal = Object.values(byStatus).reduce((a, b) => a + b, 0);
  return { clients, admins, byStatus, vpsTotal, plans, activePlans, webhooks, recent: recent.map((e) => ({ ...e, id: e.id.toString() })) };
}
