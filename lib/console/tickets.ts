// Console tickets (PRODUCT.md §10). POST /api/vps/{id}/console/ticket gives the owner (or
// an admin) a single-use ticket with 60 s to connect, for the newest `console` request the
// main site completed in the last CONSOLE_READY_MS. Only its SHA-256 is stored; redeeming
// is one conditional UPDATE, so with several panel processes exactly one can use it. A
// ticket asked for from a browser session is bound to that session: the WebSocket upgrade
// must carry the same session cookie (a leaked ticket URL is useless on its own).
import { createHash, randomBytes } from "node:crypto";
import { findLiveSession } from "../auth/user-sessions";
import { decryptSecret } from "../crypto/secret-box";
import type { Db } from "../db";
import { conflict, notFound } from "../errors";
import type { Actor } from "../users/actor";
import { readableVpsWhere } from "../vps/access";
import { ACTION_RESULT_PURPOSE } from "../vps/actions/report";
import { vncTargetSchema, type VncTarget } from "./vnc-target";

export const TICKET_TTL_MS = 60_000;
/** How long after the main site completed a console request tickets may be issued for it. */
export const CONSOLE_READY_MS = 10 * 60_000;
export const CONSOLE_WS_PATH = "/console/ws";

export const hashTicket = (ticket: string) => createHash("sha256").update(ticket).digest("hex");

export interface ConsoleTicketView {
  ticket: string;
  websocket: string;
  expires_at: string;
}

/** The newest completed console request of the VPS still fresh enough to connect to. */
async function readyConsole(db: Db, vpsId: number, now: Date) {
  return db.vpsActionRequest.findFirst({
    where: { vpsId, action: "console", status: "completed", resultSecret: { not: null }, resolvedAt: { gte: new Date(now.getTime() - CONSOLE_READY_MS) } },
    orderBy: { id: "desc" },
    select: { id: true },
  });
}

export async function issueConsoleTicket(
  db: Db,
  actor: Actor,
  vpsId: number,
  bound: { sessionId: string | null },
  now = new Date(),
): Promise<ConsoleTicketView> {
  const vps = await db.vps.findFirst({ where: readableVpsWhere(actor, vpsId), select: { id: true, status: true } });
  if (!vps) throw notFound("VPS not found");
  if (vps.status === "suspended") throw conflict("The VPS is suspended by the billing system: its console is closed");
  if (vps.status !== "running") throw conflict(`The console needs the VPS to be running (it is ${vps.status})`);
  const ready = await readyConsole(db, vpsId, now);
  if (!ready)
    throw conflict(`No console is ready for this VPS: ask for one with POST /api/vps/${vpsId}/actions {"action":"console"} and wait until the request is completed`);
  const ticket = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + TICKET_TTL_MS);
  await db.consoleTicket.create({
    data: {
      ticketHash: hashTicket(ticket),
      vpsId,
      userId: actor.userId,
      requestId: ready.id,
      sessionId: actor.tokenId === undefined ? bound.sessionId : null,
      tokenId: actor.tokenId ?? null,
      expiresAt,
    },
  });
  await db.consoleTicket.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - 24 * 3600_000) } } });
  return { ticket, websocket: `${CONSOLE_WS_PATH}?ticket=${ticket}`, expires_at: expiresAt.toISOString() };
}

/** Who holds an open console, for the checks while it runs (consoleStillAllowed). */
export interface ConsoleHolder {
  vpsId: number;
  userId: number;
  sessionId: string | null;
  tokenId: number | null;
}

export type Redeemed = { ok: true; holder: ConsoleHolder; target: VncTarget } | { ok: false; kind: "ticket" | "vps" | "upstream" | "session"; reason: string };

/** A ticket presented on /console/ws by a browser whose session cookie names `sid` (or none). */
export async function redeemConsoleTicket(db: Db, ticket: string | null, sid: string | null, now = new Date()): Promise<Redeemed> {
  if (!ticket || ticket.length > 200) return { ok: false, kind: "ticket", reason: "A console ticket is required" };
  const row = await db.consoleTicket.findUnique({ where: { ticketHash: hashTicket(ticket) } });
  if (!row) return { ok: false, kind: "ticket", reason: "Unknown console ticket" };
  // Checked before the ticket is spent: someone else's attempt does not burn the owner's ticket.
  if (row.sessionId !== null && row.sessionId !== sid) return { ok: false, kind: "ticket", reason: "This console ticket belongs to another browser session" };
  const spent = await db.consoleTicket.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (spent.count === 0) return { ok: false, kind: "ticket", reason: "The console ticket was already used or has expired: ask for a new one" };
  const holder: ConsoleHolder = { vpsId: row.vpsId, userId: row.userId, sessionId: row.sessionId, tokenId: row.tokenId };
  const allowed = await consoleStillAllowed(db, holder, now);
  if (!allowed.ok) return allowed;
  const request = await db.vpsActionRequest.findUnique({ where: { id: row.requestId }, select: { resultSecret: true, vpsId: true } });
  if (!request?.resultSecret || request.vpsId !== row.vpsId) return { ok: false, kind: "upstream", reason: "The console is no longer available: ask for a new one" };
  try {
    const secret = JSON.parse(decryptSecret(request.resultSecret, ACTION_RESULT_PURPOSE)) as { vnc?: unknown };
    return { ok: true, holder, target: vncTargetSchema.parse(secret.vnc) };
  } catch {
    return { ok: false, kind: "upstream", reason: "The console details cannot be read with the panel's current key" };
  }
}

/** Whether an open console may stay open: the VPS exists, is not suspended and is still the
 *  holder's (or the holder is an admin), and the session or token is still alive. */
export async function consoleStillAllowed(db: Db, h: ConsoleHolder, now = new Date()): Promise<{ ok: true } | { ok: false; kind: "vps" | "session"; reason: string }> {
  let role: "client" | "admin";
  if (h.sessionId !== null) {
    const live = await findLiveSession(db, h.sessionId, h.userId);
    if (!live) return { ok: false, kind: "session", reason: "Your session has ended: sign in again" };
    role = live.user.role;
  } else if (h.tokenId !== null) {
    const token = await db.apiToken.findFirst({
      where: { id: h.tokenId, userId: h.userId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      select: { user: { select: { role: true } } },
    });
    if (!token) return { ok: false, kind: "session", reason: "The API token was revoked or has expired" };
    role = token.user.role;
  } else {
    return { ok: false, kind: "session", reason: "The console has no session" };
  }
  const vps = await db.vps.findFirst({ where: readableVpsWhere({ userId: h.userId, role }, h.vpsId), select: { status: true } });
  if (!vps) return { ok: false, kind: "vps", reason: "The VPS was deleted" };
  if (vps.status === "suspended") return { ok: false, kind: "vps", reason: "The VPS was suspended by the billing system" };
  return { ok: true };
}
