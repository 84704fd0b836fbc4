// Who may read what outside their own records: the admin-only reads (every user, every
// VPS, inactive plans, webhooks and their deliveries) check the actor themselves, so a
// page or route that forgets to (or a layout that Next skips) cannot leak them.
import { forbidden, unauthorized } from "../errors";
import type { Actor } from "./actor";

export type AdminActor = Actor & { role: "admin" };

export function isAdmin(actor: Actor | null | undefined): actor is AdminActor {
  return actor?.role === "admin";
}

/** Throws 401 without an actor and 403 for anyone but an administrator. */
export function assertAdmin(actor: Actor | null | undefined): asserts actor is AdminActor {
  if (!actor) throw unauthorized();
  if (actor.role !== "admin") throw forbidden("Administrator access required");
}
