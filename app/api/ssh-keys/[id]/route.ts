// DELETE /api/ssh-keys/:id — delete one of the caller's own SSH keys (session, or a vps:write token).
import { route } from "@/lib/http/handler";
import { idParams } from "@/lib/http/params";
import { deleteSshKey } from "@/lib/ssh-keys/ssh-keys";

export const DELETE = route.user(
  { method: "DELETE", path: "/api/ssh-keys/:id", tokenScope: "vps:write", params: idParams("SSH key") },
  async ({ db, actor, params, audit }) => {
    await deleteSshKey(db, actor, params.id, audit);
    return { status: "deleted", id: params.id };
  },
);
