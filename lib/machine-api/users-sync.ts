// POST /api/users/sync — the main site finds or creates a client by email (its panel id).
import { reply, route } from "../http/handler";
import { syncUserSchema } from "../users/schemas";
import { syncUser } from "../users/sync-user";

export const usersSyncPost = route.machine(
  { method: "POST", path: "/api/users/sync", idempotent: true, body: syncUserSchema },
  async ({ db, body, audit }) => {
    const user = await syncUser(db, body, audit);
    return reply(user.created ? 201 : 200, { status: "success", user });
  },
);
