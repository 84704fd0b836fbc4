// POST /api/vps/:id/actions — the owner (session, or a token with vps:write) asks for a §9 action (202 + the pending request);
// GET lists the VPS's requests, newest first (owner, admin, or a vps:read token).
import { reply, route } from "@/lib/http/handler";
import { idParams } from "@/lib/http/params";
import { requestVpsAction } from "@/lib/vps/request-vps-action";
import { listActions } from "@/lib/vps/actions/cancel";
import { actionInputSchema } from "@/lib/vps/actions/params";

export const POST = route.user(
  {
    method: "POST",
    path: "/api/vps/:id/actions",
    tokenScope: "vps:write",
    body: actionInputSchema,
    maxBody: 4096,
    params: idParams("VPS", { echo: false }),
  },
  async ({ db, actor, body, params, audit }) => {
    const request = await requestVpsAction(db, actor, params.id, body, audit);
    return reply(202, { status: "accepted", message: `${request.action} requested; waiting for the main site to confirm`, request });
  },
);

export const GET = route.user(
  { method: "GET", path: "/api/vps/:id/actions", tokenScope: "vps:read", params: idParams("VPS", { echo: false }) },
  async ({ db, actor, params }) => ({ requests: await listActions(db, actor, params.id) }),
);
