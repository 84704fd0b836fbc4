// The machine API (X-API-Key, no sessions, no pages): server.ts answers these routes itself
// with the same definitions the app/api files export, so the main site's and BILLmanager's
// writes skip Next's rendering pipeline. Every route.machine definition lives in this
// folder; the table is built from the definitions' own method and path
// (test/unit/http/machine-routes.test.ts checks that app/api holds no other).
import type { RouteDefinition } from "../http/handler";
import { isRouteDefinition } from "../http/handler";
import * as billmanager from "./billmanager";
import * as ordersFail from "./orders-fail";
import * as usersSync from "./users-sync";
import * as vpsActions from "./vps-actions";
import * as vpsMetrics from "./vps-metrics";
import * as vpsSync from "./vps-sync";

export const MACHINE_ROUTES: readonly RouteDefinition[] = [billmanager, ordersFail, usersSync, vpsActions, vpsMetrics, vpsSync]
  .flatMap((m) => Object.values(m))
  .filter(isRouteDefinition);

interface Compiled {
  definition: RouteDefinition;
  pattern: RegExp;
  names: string[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function compile(definition: RouteDefinition): Compiled {
  const names: string[] = [];
  const source = definition.path
    .split("/")
    .map((seg) => {
      if (!seg.startsWith(":")) return escape(seg);
      names.push(seg.slice(1));
      return "([^/]+)";
    })
    .join("/");
  return { definition, pattern: new RegExp(`^${source}$`), names };
}

const COMPILED = MACHINE_ROUTES.map(compile);

export interface MachineMatch {
  definition: RouteDefinition;
  params: Record<string, string>;
}

/** The machine route for this request line, with its path params (decoded as Next decodes them). */
export function machineRoute(method: string | undefined, url: string | undefined): MachineMatch | undefined {
  if (!url || !method) return undefined;
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  for (const c of COMPILED) {
    if (c.definition.method !== method) continue;
    const m = c.pattern.exec(path);
    if (!m) continue;
    try {
      const params = Object.fromEntries(c.names.map((name, i) => [name, decodeURIComponent(m[i + 1] ?? "")]));
      return { definition: c.definition, params };
    } catch {
      return undefined; // a malformed escape: Next answers it
    }
  }
  return undefined;
}
