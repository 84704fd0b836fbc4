// Starts the production panel once for the whole run (own PostgreSQL database, demo data)
// and stops it (dropping the database) when the run ends.
import { startPanel } from "../test/support/panel";

export default async function globalSetup() {
  const panel = await startPanel({ demoData: true });
  process.env.E2E_BASE_URL = panel.url;
  process.env.E2E_DATABASE_URL = panel.databaseUrl;
  return async () => {
    await panel.stop();
  };
}
