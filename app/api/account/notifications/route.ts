// GET /api/account/notifications — the caller's notification channels and whether this
// panel can send email (SMTP_URL); PUT {"panel","email"} — change the channels.
import { getEnv } from "@/lib/env";
import { route } from "@/lib/http/handler";
import { getNotificationPreferences, setNotificationPreferences } from "@/lib/notifications/preferences";
import { preferencesBody } from "@/lib/notifications/schemas";

const emailAvailable = () => Boolean(getEnv().SMTP_URL);

export const GET = route.user({ method: "GET", path: "/api/account/notifications" }, async ({ db, actor }) =>
  getNotificationPreferences(db, actor.userId, emailAvailable()),
);

export const PUT = route.user({ method: "PUT", path: "/api/account/notifications", body: preferencesBody }, async ({ db, actor, body, audit }) =>
  setNotificationPreferences(db, actor.userId, body, emailAvailable(), audit),
);
