// Starts the production panel once for the whole run (own PostgreSQL database, demo data)
// and stops it (dropping the database) when the run ends.
import { startPanel } from "../test/support/panel";

export default async function globalSetup() {
  // Webhook specs post to receivers on 127.0.0.1 (order.spec.ts: the reference main site).
  // Alert rules are evaluated every 2 s, so alerts.spec.ts sees a rule fire promptly.
  const panel = await startPanel({ demoData: true, env: { WEBHOOK_ALLOW_PRIVATE: "1", ALERTS_EVERY_SECONDS: "2" } });
  process.env.E2E_BASE_URL = panel.url;
  process.env.E2E_DATABASE_URL = panel.databaseUrl;
  return async () => {
    await panel.stop();
  };
}
