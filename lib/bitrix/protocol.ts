// The 1C-Bitrix "providers" plugin protocol (seed: bitrix-providers-plugin.ru.md). The panel
// renders every answer of the plugin (help, configs, order, order_status, errors) so the
// plugin itself is a few lines of bash and curl that print what the panel sends.
//
// The key sets are stable (Bitrix reads them; docs/bitrix.md lists them), in this order:
//   help                    options, status            status: "enabled" | "disabled"
//   configs                 configurations, status     each configuration: id, descr
//   order                   task_id
//   order_status            in_progress: status, task_id
//                           finished:    server_password, status, server, task_id
//                           error:       status, task_id, error_message (also a cancelled order)
//   any failure             error, error_message       error: 1
// "disabled" (the seed: the provider is switched off on this server) comes from the panel
// when BITRIX_ENABLED=0, and from the plugin itself when it has no settings or cannot reach
// the panel (integrations/bitrix/ospab/bin/ospab).
import { formatRam } from "../i18n/format";
import type { OrderView } from "../orders/view";
import type { PlanView } from "../plans/view";

export const OPTIONS = ["help", "configs", "order", "order_status"] as const;
export type ProviderStatus = "enabled" | "disabled";

export const ANSWER_KEYS = {
  help: ["options", "status"],
  configs: ["configurations", "status"],
  configuration: ["id", "descr"],
  order: ["task_id"],
  in_progress: ["status", "task_id"],
  finished: ["server_password", "status", "server", "task_id"],
  error: ["status", "task_id", "error_message"],
  failure: ["error", "error_message"],
} as const;

/** help's answer: the supported commands, and whether the provider is on. */
export const helpAnswer = (status: ProviderStatus) => ({ options: [...OPTIONS], status });

export interface BitrixConfiguration {
  id: string;
  descr: string;
}

/** configs' answer; a disabled provider offers nothing. */
export const configsAnswer = (configs: BitrixConfiguration[], status: ProviderStatus) => ({
  configurations: status === "enabled" ? configs : [],
  status,
});

const cores = (n: number) => `CPU ${n} ${n === 1 ? "core" : "cores"}`;
/** "Memory 4Gb", "Memory 512Mb" as in the seed's example. */
const memory = (mb: number) => (mb % 1024 === 0 ? `Memory ${mb / 1024}Gb` : `Memory ${formatRam("en", mb).replace(" GB", "Gb").replace(" MB", "Mb")}`);
const hdd = (gb: number) => (gb % 1024 === 0 && gb >= 1024 ? `HDD ${gb / 1024}Tb` : `HDD ${gb}Gb`);

/** One configuration per plan and OS: id "<plan id>-<n>" (n-th OS of the plan, from 1). */
export function configurations(plans: PlanView[]): BitrixConfiguration[] {
  return plans.flatMap((p) =>
    p.os_choices.map((os, i) => ({
      id: `${p.id}-${i + 1}`,
      descr: [p.name, "1 month", os, cores(p.cpu), memory(p.ram), hdd(p.disk)].join(", "),
    })),
  );
}

/** "<plan id>-<n>" or a bare "<plan id>" (the plan's first OS). */
export function parseConfigId(id: string): { planId: number; osNumber: number } | null {
  const m = /^(\d{1,9})(?:-(\d{1,3}))?$/.exec(id.trim());
  if (!m) return null;
  return { planId: Number(m[1]), osNumber: m[2] ? Number(m[2]) : 1 };
}

/** order_status's answer, keys in the seed's order. */
export function taskStatus(order: OrderView, serverPassword: string | null) {
  const task_id = String(order.id);
  if (order.status === "finished")
    return { server_password: serverPassword ?? "", status: "finished", server: order.vps?.ip_address ?? "", task_id };
  // The protocol knows in_progress/finished/error only: a cancelled order answers as an error
  // with the same keys (its error_message says it was cancelled).
  if (order.status === "error" || order.status === "cancelled")
    return { status: "error", task_id, error_message: order.error_message ?? (order.status === "cancelled" ? "Cancelled by the client" : "The order failed") };
  return { status: "in_progress", task_id };
}

export const bitrixError = (message: string) => ({ error: 1, error_message: message });
