// POST /api/vps/:id/console/ticket — the owner or an admin (session, or a vps:write token) gets a
// single-use ticket for /console/ws, 60 s to connect; 409 while no console is ready (PRODUCT.md §10).
import { sessionIdFromHeaders } from "@/lib/auth/user-sessions";
import { issueConsoleTicket } from "@/lib/console/tickets";
import { getEnv } from "@/lib/env";
import { reply, route } from "@/lib/http/handler";
import { idParams } from "@/lib/http/params";

export const POST = route.user(
  { method: "POST", path: "/api/vps/:id/console/ticket", tokenScope: "vps:write", maxBody: 1024, params: idParams("VPS", { echo: false }) },
  async ({ db, actor, params, req }) => {
    const session = actor.tokenId === undefined ? await sessionIdFromHeaders(Object.fromEntries(req.headers), getEnv().NEXTAUTH_SECRET) : null;
    const ticket = await issueConsoleTicket(db, actor, params.id, { sessionId: typeof session?.sid === "string" ? session.sid : null });
    return reply(200, ticket, { "cache-control": "no-store" });
  },
);
