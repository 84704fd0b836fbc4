// GET /api/ssh-keys — the caller's own SSH keys; POST — add one (validated, fingerprinted).
// Session, or a token with vps:write (vps:read is enough to list).
import { reply, route } from "@/lib/http/handler";
import { addSshKey, listSshKeys } from "@/lib/ssh-keys/ssh-keys";
import { createSshKeyBody } from "@/lib/ssh-keys/schemas";

export const GET = route.user({ method: "GET", path: "/api/ssh-keys", tokenScope: ["vps:read", "vps:write"] }, async ({ db, actor }) => ({
  ssh_keys: await listSshKeys(db, actor),
}));

export const POST = route.user(
  { method: "POST", path: "/api/ssh-keys", tokenScope: "vps:write", idempotent: true, body: createSshKeyBody, maxBody: 16 * 1024 },
  async ({ db, actor, body, audit }) => reply(201, { status: "success", ssh_key: await addSshKey(db, actor, body, audit) }),
);
