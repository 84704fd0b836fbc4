// Which message namespaces each area's client components read. Server components translate
// on the server (getI18n) and ship no catalogue; the browser receives only these.
// Browser-safe (a list of names).
import type { Namespace } from "./messages";

/** The root layout: the sign-in page and the language switcher. */
export const ROOT_NAMESPACES = ["nav", "login"] as const satisfies readonly Namespace[];

/** Pages behind AppShell, by route group. */
export const AREA_NAMESPACES = {
  client: ["nav", "status", "units", "list", "dashboard", "vpsList", "vpsDetail", "vpsActions", "activity", "orders", "plans", "tokens", "sshKeys", "selfService", "vpsNetwork", "vpsSnapshots", "vpsBackups", "metrics", "console", "vpsPage", "notifications", "alertRules"],
  admin: ["nav", "status", "units", "list", "plans", "webhooks", "adminOrders", "notifications", "alertRules"],
  account: ["nav", "account", "notifications", "alertRules"],
} as const satisfies Record<string, readonly Namespace[]>;

export type Area = keyof typeof AREA_NAMESPACES;
