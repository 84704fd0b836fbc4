// The machine API (X-API-Key, no sessions, no pages): server.ts answers these routes
// itself with the same route() handlers the app/api files export, so the main site's
// writes skip Next's rendering pipeline. Keyed by "METHOD /path".
import type { WebHandler } from "../http/node-adapter";
import { usersSyncPost } from "./users-sync";
import { vpsSyncGet, vpsSyncPost } from "./vps-sync";

export const MACHINE_ROUTES: Record<string, WebHandler> = {
  "POST /api/vps/sync": vpsSyncPost as WebHandler,
  "GET /api/vps/sync": vpsSyncGet as WebHandler,
  "POST /api/users/sync": usersSyncPost as WebHandler,
};

export function machineRoute(method: string | undefined, url: string | undefined): WebHandler | undefined {
  if (!url) return undefined;
  const q = url.indexOf("?");
  return MACHINE_ROUTES[`${method} ${q === -1 ? url : url.slice(0, q)}`];
}
