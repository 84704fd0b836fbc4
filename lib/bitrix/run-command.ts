// What the plugin's commands do, for the client whose API token the plugin holds: list the
// orderable configurations, place an order (a provisioning task), report its status with
// the server's address and root password once the main site has built it. Tasks are the
// token owner's own orders, whatever their role: an admin's token gets 404 for a client's
// order (root passwords are owner-only, lib/vps/root-password-access.ts). With
// BITRIX_ENABLED=0 the provider is off on this panel: help and configs say "disabled" (the
// seed's way for a provider to say it is switched off), order and order_status refuse.
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import type { Db } from "../db";
import { getEnv, type Env } from "../env";
import { AppError, badRequest } from "../errors";
import { createOrder } from "../orders/create-order";
import { getOrder } from "../orders/list-orders";
import { listPlans } from "../plans/list-plans";
import type { Actor } from "../users/actor";
import { readOwnRootPassword } from "../vps/root-password-access";
import { configsAnswer, configurations, helpAnswer, parseConfigId, taskStatus, type ProviderStatus } from "./protocol";

export const providerStatus = (env: Pick<Env, "BITRIX_ENABLED"> = getEnv()): ProviderStatus => (env.BITRIX_ENABLED === "1" ? "enabled" : "disabled");

function assertEnabled() {
  if (providerStatus() === "disabled") throw new AppError(403, "The 1C-Bitrix integration is switched off on this panel (BITRIX_ENABLED=0)");
}

export function help() {
  return helpAnswer(providerStatus());
}

export async function listConfigurations(db: Db) {
  const status = providerStatus();
  return configsAnswer(status === "enabled" ? configurations(await listPlans(db)) : [], status);
}

export async function orderConfiguration(db: Db, actor: Actor, configId: string, audit: AuditContext = SYSTEM_AUDIT) {
  assertEnabled();
  const parsed = parseConfigId(configId);
  if (!parsed) throw badRequest(`Unknown configuration "${configId.slice(0, 40)}": take an id from the configs command`);
  const plan = await db.plan.findFirst({ where: { id: parsed.planId, isActive: true }, select: { osChoices: true } });
  const os = plan?.osChoices[parsed.osNumber - 1];
  if (!plan || !os) throw new AppError(404, `Unknown configuration "${configId}": take an id from the configs command`);
  const order = await createOrder(db, actor, { planId: parsed.planId, os, source: "bitrix" }, audit);
  return { task_id: String(order.id) };
}

export async function orderStatus(db: Db, actor: Actor, taskId: string) {
  assertEnabled();
  const id = /^\d{1,10}$/.test(taskId.trim()) ? Number(taskId.trim()) : Number.NaN;
  const order = id > 0 && id <= 2_147_483_647 ? await getOrder(db, actor, id, { ownOnly: true }).catch(() => null) : null;
  if (!order) throw new AppError(404, `get_task error: No task found with id ${taskId.slice(0, 40)}`);
  let password: string | null = null;
  if (order.status === "finished" && order.vps) {
    const own = await readOwnRootPassword(db, actor, order.vps.id);
    if (!own?.password) throw new AppError(409, `Task ${order.id}: the server's root password is no longer available`);
    password = own.password;
  }
  return taskStatus(order, password);
}
