// What a fired or resolved alert leaves behind, in the transaction that moved its state:
// the domain event (`vps.alert` / `vps.alert_resolved`: socket.io to the owner and admins,
// /ws, and webhooks when the rule's channels name "webhook" — lib/webhooks/fan-out.ts reads
// `channels` from the payload) and the owner's notification (lib/notifications).
import type { Prisma } from "../generated/prisma/client";
import { recordEvent } from "../events/record-event";
import { createNotifications, type NewNotification } from "../notifications/create-notifications";
import type { AlertChannel, AlertEventPayload, AlertMetric, AlertOp } from "./schemas";

type Tx = Pick<Prisma.TransactionClient, "notification" | "domainEvent">;

export interface AlertTransition {
  kind: "fired" | "resolved";
  ruleId: number;
  vpsId: number;
  userId: number;
  vpsName: string;
  metric: AlertMetric;
  op: AlertOp;
  threshold: number;
  forMinutes: number;
  channels: AlertChannel[];
  value: number | null;
  firedAt: Date;
  /** When the transition happened (the resolve time of a resolve). */
  at: Date;
  notifyPanel: boolean;
  notifyEmail: boolean;
}

export function alertEventPayload(t: AlertTransition): AlertEventPayload {
  return {
    rule_id: t.ruleId,
    vps_id: t.vpsId,
    metric: t.metric,
    op: t.op,
    threshold: t.threshold,
    for_minutes: t.forMinutes,
    value: t.value,
    channels: t.channels,
    fired_at: t.firedAt.toISOString(),
    ...(t.kind === "resolved" ? { resolved_at: t.at.toISOString() } : {}),
  };
}

export function alertNotification(t: AlertTransition): NewNotification {
  const payload = alertEventPayload(t);
  const { channels: _channels, rule_id: _rule, vps_id: _vps, ...params } = payload;
  return {
    userId: t.userId,
    kind: t.kind === "fired" ? "alert.fired" : "alert.resolved",
    vpsId: t.vpsId,
    ruleId: t.ruleId,
    params: { ...params, vps_name: t.vpsName },
    dedupeKey: `alert:${t.ruleId}:${t.vpsId}:${t.firedAt.getTime()}:${t.kind}`,
    panel: t.channels.includes("panel") && t.notifyPanel,
    email: t.channels.includes("email") && t.notifyEmail,
  };
}

export async function recordAlertTransitions(tx: Tx, transitions: readonly AlertTransition[], opts: { emailAvailable: boolean }): Promise<void> {
  const [first] = transitions;
  if (!first) return;
  for (const t of transitions) {
    await recordEvent(tx, {
      type: t.kind === "fired" ? "vps.alert" : "vps.alert_resolved",
      userId: t.userId,
      vpsId: t.vpsId,
      payload: alertEventPayload(t) as unknown as Record<string, unknown>,
    });
  }
  await createNotifications(tx, transitions.map(alertNotification), { emailAvailable: opts.emailAvailable, now: first.at });
}
