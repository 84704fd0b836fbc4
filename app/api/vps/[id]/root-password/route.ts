// POST /api/vps/:id/root-password — reveals the stored root password to the VPS owner.
import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http/handler";
import { parseVpsId } from "@/lib/vps/get-vps-detail";
import { revealRootPassword } from "@/lib/vps/reveal-root-password";

export const POST = route({ auth: "user" }, async ({ actor, params }) => {
  const result = await revealRootPassword(await getDb(), actor!, parseVpsId(params.id));
  return NextResponse.json(result, { headers: { "cache-control": "no-store" } });
});
