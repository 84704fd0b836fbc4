// POST /api/vps/actions/:request_id — the main site (X-API-Key) reports on a §9 request:
// {status:"in_progress",progress,message} | {status:"completed",result} | {status:"failed",message}.
// The same final state again → 200; another after the end → 409; unknown id → 404.
import { route } from "../http/handler";
import { intId } from "../http/params";
import { actionReportSchema } from "../vps/actions/params";
import { reportAction } from "../vps/actions/report";
import { z } from "zod";

export const vpsActionReportPost = route.machine(
  {
    method: "POST",
    path: "/api/vps/actions/:request_id",
    body: actionReportSchema,
    maxBody: 16_384,
    params: z.object({ request_id: intId("Action request") }),
  },
  async ({ db, body, params, audit }) => {
    const { request, changed } = await reportAction(db, params.request_id, body, audit);
    return { status: "success", changed, request };
  },
);
