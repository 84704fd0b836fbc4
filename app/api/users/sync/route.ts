// POST /api/users/sync — the main site finds or creates a client by email (its panel id).
import { getDb } from "@/lib/db";
import { reply, route } from "@/lib/http/handler";
import { syncUser, syncUserSchema } from "@/lib/users/sync-user";

export const POST = route({ auth: "machine", idempotent: true, body: syncUserSchema }, async ({ body }) => {
  const user = await syncUser(await getDb(), body);
  return reply(user.created ? 201 : 200, { status: "success", user });
});
