// All UI strings, one file a feature, each exporting `{ ru, en }` with the feature's
// namespaces. A new feature adds its file to FEATURES.
import type { Locale } from "../config";
import account from "./account";
import admin from "./admin";
import adminOrders from "./admin-orders";
import audit from "./audit";
import auth from "./auth";
import common from "./common";
import consoleMessages from "./console";
import list from "./list";
import metrics from "./metrics";
import notifications from "./notifications";
import orders from "./orders";
import plans from "./plans";
import selfService from "./self-service";
import shell from "./shell";
import syncLog from "./sync-log";
import tokens from "./tokens";
import vps from "./vps";
import vpsPage from "./vps-page";
import webhooks from "./webhooks";

const FEATURES = [common, shell, auth, list, vps, admin, orders, plans, tokens, webhooks, account, audit, syncLog, adminOrders, selfService, metrics, consoleMessages, vpsPage, notifications] as const satisfies readonly { ru: object; en: object }[];

type Merge<T extends readonly { ru: object }[]> = T extends readonly [infer H extends { ru: object }, ...infer R extends { ru: object }[]]
  ? H["ru"] & Merge<R>
  : unknown;
export type Messages = Merge<typeof FEATURES>;

function build(locale: Locale): Messages {
  return Object.assign({}, ...FEATURES.map((f) => f[locale])) as Messages;
}

export const MESSAGES: Record<Locale, Messages> = { ru: build("ru"), en: build("en") };

export type Namespace = keyof Messages;

/** Only the given namespaces: what a client provider ships to the browser. */
export function pickMessages<N extends Namespace>(messages: Messages, namespaces: readonly N[]): Pick<Messages, N> {
  return Object.fromEntries(namespaces.map((n) => [n, messages[n]])) as Pick<Messages, N>;
}
