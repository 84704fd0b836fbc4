// All UI strings. The core namespaces live in ru.ts/en.ts; each feature may keep its own
// namespaces in a file of its own exporting `{ ru, en }` and spread here.
import type { Locale } from "../config";
import en from "./en";
import plans from "./plans";
import ru from "./ru";
import account from "./account";
import adminLists from "./admin-lists";
import audit from "./audit";
import clientArea from "./client-area";
import list from "./list";
import tokens from "./tokens";
import webhooks from "./webhooks";

const core = { ru, en };
// Feature message files, e.g. `import vpsDetail from "./vps-detail";` then add to FEATURES.
const FEATURES = [clientArea, adminLists, tokens, webhooks, plans, account, audit, list] as const satisfies readonly { ru: object; en: object }[];

type Merge<T extends readonly { ru: object }[]> = T extends readonly [infer H extends { ru: object }, ...infer R extends { ru: object }[]]
  ? H["ru"] & Merge<R>
  : unknown;
export type Messages = typeof ru & Merge<typeof FEATURES>;

function build(locale: Locale): Messages {
  return Object.assign({}, core[locale], ...FEATURES.map((f) => f[locale])) as Messages;
}

export const MESSAGES: Record<Locale, Messages> = { ru: build("ru"), en: build("en") };
