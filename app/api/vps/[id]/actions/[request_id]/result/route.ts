// POST /api/vps/:id/actions/:request_id/result — the owner reveals a completed request's
// root_password once (session, or a token with vps:write); never cached.
import { reply, route } from "@/lib/http/handler";
import { intId } from "@/lib/http/params";
import { revealActionResult } from "@/lib/vps/actions/reveal";
import { z } from "zod";

export const POST = route.user(
  {
    method: "POST",
    path: "/api/vps/:id/actions/:request_id/result",
    tokenScope: "vps:write",
    params: z.object({ id: intId("VPS", { echo: false }), request_id: intId("Action request", { echo: false }) }),
  },
  async ({ db, actor, params }) => reply(200, await revealActionResult(db, actor, params.id, params.request_id), { "cache-control": "no-store" }),
);
