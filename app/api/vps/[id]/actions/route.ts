// POST /api/vps/:id/actions — the owner (session, or a token with vps:write) requests start/stop/reboot/rename (202 + the pending request).
import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http/handler";
import { parseVpsId } from "@/lib/vps/get-vps-detail";
import { requestVpsAction } from "@/lib/vps/request-vps-action";
import { vpsActionInputSchema } from "@/lib/vps/vps-actions";

const MESSAGES = {
  start: "Start requested",
  stop: "Stop requested",
  reboot: "Reboot requested",
  rename: "Rename requested",
} as const;

export const POST = route({ auth: "user", tokenScope: "vps:write", body: vpsActionInputSchema, maxBody: 4096 }, async ({ actor, body, params, audit }) => {
  const request = await requestVpsAction(await getDb(), actor!, parseVpsId(params.id), body, audit);
  return NextResponse.json(
    { status: "accepted", message: `${MESSAGES[request.action]}; waiting for the main site to confirm`, request },
    { status: 202 },
  );
});
