// POST /api/vps/:id/root-password — reveals the stored root password to the VPS owner.
import { reply, route } from "@/lib/http/handler";
import { idParams } from "@/lib/http/params";
import { revealRootPassword } from "@/lib/vps/reveal-root-password";

export const POST = route.user(
  { method: "POST", path: "/api/vps/:id/root-password", params: idParams("VPS", { echo: false }) },
  async ({ db, actor, params }) => reply(200, await revealRootPassword(db, actor, params.id), { "cache-control": "no-store" }),
);
