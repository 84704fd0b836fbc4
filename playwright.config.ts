// Playwright: e2e/api (HTTP through Playwright's request context) and e2e/ui (Chromium).
// The global setup starts one production panel (npm run build first) on a throwaway
// PostgreSQL database with demo data, and hands its URL and database to the tests.
// `SCREENSHOTS=1 playwright test --project=screenshots` (npm run screenshots) refreshes
// docs/screenshots/.
import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const launchOptions = {
  // Debian's Chromium when present (no browser download needed); else Playwright's own.
  executablePath: existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};
const browser = { ...devices["Desktop Chrome"], launchOptions };

export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/global-setup.ts",
  // One panel and one demo database for the whole run: tests share it, so they run in turn.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Deadlines for a hung test, not performance bounds: a loaded CI machine is slow.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [["list"]],
  use: {
    // Set by the global setup; worker processes read this file again and see it.
    baseURL: process.env.E2E_BASE_URL,
    locale: "ru-RU",
    timezoneId: "Europe/Moscow",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "api", testDir: "e2e/api" },
    { name: "ui", testDir: "e2e/ui", use: browser },
    ...(process.env.SCREENSHOTS ? [{ name: "screenshots", testDir: "e2e/screenshots", use: browser }] : []),
  ],
});
