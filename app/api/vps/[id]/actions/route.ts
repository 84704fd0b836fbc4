// POST /api/vps/:id/actions — the owner (session, or a token with vps:write) requests start/stop/reboot/rename (202 + the pending request).
import { reply, route } from "@/lib/http/handler";
import { idParams } from "@/lib/http/params";
import { requestVpsAction } from "@/lib/vps/request-vps-action";
import { vpsActionInputSchema } from "@/lib/vps/schemas";

const MESSAGES = {
  start: "Start requested",
  stop: "Stop requested",
  reboot: "Reboot requested",
  rename: "Rename requested",
} as const;

export const POST = route.user(
  {
    method: "POST",
    path: "/api/vps/:id/actions",
    tokenScope: "vps:write",
    body: vpsActionInputSchema,
    maxBody: 4096,
    params: idParams("VPS", { echo: false }),
  },
  async ({ db, actor, body, params, audit }) => {
    const request = await requestVpsAction(db, actor, params.id, body, audit);
    return reply(202, { status: "accepted", message: `${MESSAGES[request.action]}; waiting for the main site to confirm`, request });
  },
);
