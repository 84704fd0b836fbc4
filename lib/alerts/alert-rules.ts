// Alert rules: list, create, change, delete (PRODUCT.md §11). Each write records an audit
// row in its transaction. A rule for one VPS needs a VPS its owner owns and the actor may
// read (else 404); vps_id null covers every VPS of the owner, those created later included.
// An admin's rule for a client's VPS belongs to that client (they are notified); an admin may
// also name `user_id`. Evaluation (evaluate.ts) picks changes up at its next pass: a change
// that stops the rule holding resolves it then, a disabled rule resolves too; deleting a rule
// resolves its firing alerts at once.
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import { recordAudit } from "../audit/record-audit";
import type { Db, Prisma } from "../db";
import { getEnv } from "../env";
import { AppError, conflict, forbidden, notFound } from "../errors";
import { isAdmin } from "../users/access";
import type { Actor } from "../users/actor";
import { readableVpsWhere } from "../vps/access";
import { alertRulesScope, alertRuleWhere } from "./access";
import { recordAlertTransitions } from "./record-transitions";
import {
  ALERT_RULES_MAX,
  type AlertChannel,
  type AlertMetric,
  type AlertOp,
  type AlertRuleView,
  type AlertStateName,
  type CreateAlertRuleBody,
  type UpdateAlertRuleBody,
} from "./schemas";

type Tx = Prisma.TransactionClient;

const withStates = { states: { orderBy: { vpsId: "asc" } } } as const satisfies Prisma.AlertRuleInclude;
type RuleRow = Prisma.AlertRuleGetPayload<{ include: typeof withStates }>;

export function toAlertRuleView(r: RuleRow): AlertRuleView {
  return {
    id: r.id,
    user_id: r.userId,
    vps_id: r.vpsId,
    metric: r.metric as AlertMetric,
    op: r.op as AlertOp,
    threshold: r.threshold,
    for_minutes: r.forMinutes,
    channels: r.channels as AlertChannel[],
    enabled: r.enabled,
    state: r.states.map((s) => ({
      vps_id: s.vpsId,
      state: s.state as AlertStateName,
      since: s.since.toISOString(),
      fired_at: s.firedAt?.toISOString() ?? null,
      last_value: s.lastValue,
    })),
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

export async function listAlertRules(db: Db, actor: Actor, opts: { userId?: number } = {}): Promise<AlertRuleView[]> {
  if (opts.userId !== undefined && opts.userId !== actor.userId && !isAdmin(actor)) throw forbidden("Only administrators may list another user's rules");
  const rows = await db.alertRule.findMany({ where: alertRulesScope(actor, opts.userId), include: withStates, orderBy: { id: "asc" } });
  return rows.map(toAlertRuleView);
}

/** The VPS a rule names, as the actor may read it and owned by the rule's owner (when known). */
async function ruleVps(tx: Tx, actor: Actor, vpsId: number, ownerId?: number): Promise<{ id: number; userId: number }> {
  const vps = await tx.vps.findFirst({ where: { ...readableVpsWhere(actor, vpsId), ...(ownerId === undefined ? {} : { userId: ownerId }) }, select: { id: true, userId: true } });
  if (!vps) throw notFound(`VPS ${vpsId} not found`);
  return vps;
}

function assertCpuRange(metric: string, threshold: number) {
  if (metric === "cpu_percent" && (threshold < 0 || threshold > 100))
    throw new AppError(400, "Invalid request: threshold: threshold of cpu_percent must be 0 to 100", { errors: [{ field: "threshold", message: "threshold of cpu_percent must be 0 to 100" }] });
}

export async function createAlertRule(db: Db, actor: Actor, input: CreateAlertRuleBody, audit: AuditContext = SYSTEM_AUDIT): Promise<AlertRuleView> {
  if (input.user_id !== undefined && input.user_id !== actor.userId && !isAdmin(actor)) throw forbidden("Only administrators may create rules for another user");
  return db.$transaction(async (tx) => {
    let ownerId = input.user_id ?? actor.userId;
    if (input.vps_id !== null) {
      const vps = await ruleVps(tx, actor, input.vps_id, input.user_id);
      ownerId = vps.userId;
    } else if (input.user_id !== undefined && !(await tx.user.findUnique({ where: { id: input.user_id }, select: { id: true } }))) {
      throw new AppError(422, `User ${input.user_id} not found`);
    }
    // Serialises one user's creates, so the cap holds under concurrent requests.
    await tx.$queryRaw`SELECT id FROM users WHERE id = ${ownerId} FOR UPDATE`;
    if ((await tx.alertRule.count({ where: { userId: ownerId } })) >= ALERT_RULES_MAX) throw conflict(`There are already ${ALERT_RULES_MAX} alert rules: delete one first`);
    const row = await tx.alertRule.create({
      data: {
        userId: ownerId,
        vpsId: input.vps_id,
        metric: input.metric,
        op: input.op,
        threshold: input.threshold,
        forMinutes: input.for_minutes,
        channels: input.channels,
        enabled: input.enabled ?? true,
      },
      include: withStates,
    });
    await recordAudit(tx, audit, { action: "alert_rule.created", targetType: "alert_rule", targetId: row.id, details: { user_id: ownerId, vps_id: row.vpsId, metric: row.metric } });
    return toAlertRuleView(row);
  });
}

export async function updateAlertRule(db: Db, actor: Actor, id: number, input: UpdateAlertRuleBody, audit: AuditContext = SYSTEM_AUDIT): Promise<AlertRuleView> {
  return db.$transaction(async (tx) => {
    const current = await tx.alertRule.findFirst({ where: alertRuleWhere(actor, id), select: { userId: true, metric: true, threshold: true } });
    if (!current) throw notFound(`Alert rule ${id} not found`);
    if (input.vps_id !== undefined && input.vps_id !== null) await ruleVps(tx, actor, input.vps_id, current.userId);
    assertCpuRange(input.metric ?? current.metric, input.threshold ?? current.threshold);
    const row = await tx.alertRule.update({
      where: { id },
      data: {
        ...(input.vps_id !== undefined ? { vpsId: input.vps_id } : {}),
        ...(input.metric !== undefined ? { metric: input.metric } : {}),
        ...(input.op !== undefined ? { op: input.op } : {}),
        ...(input.threshold !== undefined ? { threshold: input.threshold } : {}),
        ...(input.for_minutes !== undefined ? { forMinutes: input.for_minutes } : {}),
        ...(input.channels !== undefined ? { channels: input.channels } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      },
      include: withStates,
    });
    await recordAudit(tx, audit, { action: "alert_rule.updated", targetType: "alert_rule", targetId: id, details: { changed: Object.keys(input).sort() } });
    return toAlertRuleView(row);
  });
}

/** Deletes the rule and its states; an alert it has firing resolves (event and notification) in the same transaction. */
export async function deleteAlertRule(db: Db, actor: Actor, id: number, audit: AuditContext = SYSTEM_AUDIT, opts: { emailAvailable?: boolean; now?: Date } = {}): Promise<void> {
  const emailAvailable = opts.emailAvailable ?? getEnv().SMTP_URL !== undefined;
  await db.$transaction(async (tx) => {
    // Waits for an evaluation pass moving these states, so the states read below are its
    // outcome: a pass that resolved an alert first is not followed by a second resolve here.
    await tx.$queryRaw`SELECT 1 FROM alert_states WHERE rule_id = ${id} FOR UPDATE`;
    const row = await tx.alertRule.findFirst({
      where: alertRuleWhere(actor, id),
      include: { user: { select: { notifyPanel: true, notifyEmail: true } }, states: { where: { state: "firing" }, include: { vps: { select: { name: true } } } } },
    });
    if (!row) throw notFound(`Alert rule ${id} not found`);
    await tx.alertRule.delete({ where: { id } });
    const at = opts.now ?? new Date();
    await recordAlertTransitions(
      tx,
      row.states.map((s) => ({
        kind: "resolved" as const,
        ruleId: id,
        vpsId: s.vpsId,
        userId: row.userId,
        vpsName: s.vps.name,
        metric: row.metric as AlertMetric,
        op: row.op as AlertOp,
        threshold: row.threshold,
        forMinutes: row.forMinutes,
        channels: row.channels as AlertChannel[],
        value: null,
        firedAt: s.firedAt ?? s.since,
        at,
        notifyPanel: row.user.notifyPanel,
        notifyEmail: row.user.notifyEmail,
      })),
      { emailAvailable },
    );
    await recordAudit(tx, audit, { action: "alert_rule.deleted", targetType: "alert_rule", targetId: id, details: { user_id: row.userId, vps_id: row.vpsId, metric: row.metric } });
  });
}
