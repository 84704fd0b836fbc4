// One VPS with what its detail page shows: owner, whether a root password is stored, the
// pending action request, and the activity timeline (newest first). Clients see only their
// own VPS (the owner filter is in the `where`); admins see any. Anything else is 404, never
// 403, so ids cannot be probed.
import type { Db } from "../db";
import { notFound } from "../errors";
import type { Actor } from "../users/actor";
import { readableVpsWhere } from "./access";
import { reinstallOsChoices } from "./actions/os-choices";
import { toActivityEntry, type ActivityEntry } from "./activity";
import { ACTION_PENDING_TTL_MS, toActionRequestView, type VpsActionRequestView } from "./vps-actions";
import { toVpsView, type VpsView } from "./view";

export interface VpsDetail {
  vps: VpsView;
  owner: { id: number; email: string; name: string | null };
  isOwner: boolean;
  hasRootPassword: boolean;
  pendingAction: VpsActionRequestView | null;
  activity: ActivityEntry[];
  /** The §9 requests of the VPS, newest first (the page's live request timeline). */
  requests: VpsActionRequestView[];
  /** What a reinstall may install (lib/vps/actions/os-choices.ts). */
  osChoices: string[];
}

export const REQUESTS_LIMIT = 20;

export const ACTIVITY_LIMIT = 50;

/** Parses a VPS id from a URL segment; anything but a positive int4 is "not found". */
export function parseVpsId(raw: string): number {
  if (!/^\d{1,10}$/.test(raw)) throw notFound("VPS not found");
  const id = Number(raw);
  if (id < 1 || id > 2_147_483_647) throw notFound("VPS not found");
  return id;
}

/** The VPS with this id as the actor may read it (lib/vps/access.ts). */
export const visibleVpsWhere = readableVpsWhere;

export async function getVpsDetail(db: Db, actor: Actor, id: number): Promise<VpsDetail> {
  const row = await db.vps.findFirst({
    where: visibleVpsWhere(actor, id),
    include: { user: { select: { id: true, email: true, name: true } } },
    omit: { rootPasswordEnc: false },
  });
  if (!row) throw notFound("VPS not found");
  const [pending, events, requests, osChoices] = await Promise.all([
    db.vpsActionRequest.findFirst({
      where: { vpsId: id, status: { in: ["pending", "in_progress"] }, createdAt: { gt: new Date(Date.now() - ACTION_PENDING_TTL_MS) } },
      orderBy: { id: "desc" },
    }),
    db.domainEvent.findMany({
      // Progress reports move the request timeline's bars; they are not log entries (as live).
      where: { vpsId: id, type: { not: "vps.action_progress" } },
      orderBy: { id: "desc" },
      take: ACTIVITY_LIMIT,
      select: { id: true, type: true, payload: true, createdAt: true },
    }),
    db.vpsActionRequest.findMany({ where: { vpsId: id }, orderBy: { id: "desc" }, take: REQUESTS_LIMIT }),
    reinstallOsChoices(db, id),
  ]);
  return {
    vps: toVpsView(row),
    owner: row.user,
    isOwner: row.userId === actor.userId,
    hasRootPassword: row.rootPasswordEnc !== null,
    pendingAction: pending ? toActionRequestView(pending) : null,
    requests: requests.map(toActionRequestView),
    osChoices,
    activity: events.map((e) =>
      toActivityEntry({
        id: e.id.toString(),
        type: e.type as never,
        payload: e.payload as Record<string, unknown>,
        timestamp: e.createdAt.toISOString(),
      }),
    ),
  };
}
