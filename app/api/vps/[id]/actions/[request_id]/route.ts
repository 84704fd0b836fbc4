// DELETE /api/vps/:id/actions/:request_id — the owner (or an admin) cancels a request still pending.
import { route } from "@/lib/http/handler";
import { intId } from "@/lib/http/params";
import { cancelAction } from "@/lib/vps/actions/cancel";
import { z } from "zod";

export const DELETE = route.user(
  {
    method: "DELETE",
    path: "/api/vps/:id/actions/:request_id",
    tokenScope: "vps:write",
    params: z.object({ id: intId("VPS", { echo: false }), request_id: intId("Action request", { echo: false }) }),
  },
  async ({ db, actor, params, audit }) => ({ status: "cancelled", request: await cancelAction(db, actor, params.id, params.request_id, audit) }),
);
