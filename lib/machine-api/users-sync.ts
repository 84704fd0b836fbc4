// POST /api/users/sync — the main site finds or creates a client by email (its panel id).
// Mounted by server.ts (lib/machine-api/index.ts) and by app/api/users/sync/route.ts.
import { getDb } from "../db";
import { reply, route } from "../http/handler";
import { syncUser, syncUserSchema } from "../users/sync-user";

export const usersSyncPost = route({ auth: "machine", idempotent: true, body: syncUserSchema }, async ({ body, audit }) => {
  const user = await syncUser(await getDb(), body, audit);
  return reply(user.created ? 201 : 200, { status: "success", user });
});
