// Shared helpers for the browser specs: signing in through the real form, and a direct
// handle on the panel's database for changes made "behind the browser's back" through lib/.
import { expect, test as base, type Page } from "@playwright/test";
import { openDatabase, type Database } from "../lib/db";

export const CLIENT = { email: "client@ospab.local", username: "demo", password: "client-demo-pass" };
export const ADMIN = { email: "admin@ospab.local", password: "admin-demo-pass" };

export async function signIn(page: Page, login: string, password: string) {
  await page.goto("/login");
  await page.locator("#login").fill(login);
  await page.locator("#password").fill(password);
  await page.locator("form button[type=submit]").click();
}

export async function signOut(page: Page) {
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/login$/);
}

/** Chromium reports a blocked script, style or connection on the console: under the
 *  panel's nonce CSP (proxy.ts) every spec must finish without one. */
const CSP_VIOLATION = /Content Security Policy|Refused to (load|execute|apply|connect|frame)/i;

export const test = base.extend<object, { db: Database }>({
  context: async ({ context }, use) => {
    const violations: string[] = [];
    const watch = (page: Page) =>
      page.on("console", (m) => {
        if (CSP_VIOLATION.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
      });
    context.pages().forEach(watch);
    context.on("page", watch);
    await use(context);
    expect(violations, "CSP violations in the browser console").toEqual([]);
  },
  db: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
    async ({}, use) => {
      const url = process.env.E2E_DATABASE_URL;
      if (!url) throw new Error("E2E_DATABASE_URL is not set: run through playwright.config.ts (global setup)");
      const db = await openDatabase({ databaseUrl: url, poolSize: 2 });
      await use(db);
      await db.close();
    },
    { scope: "worker" },
  ],
});
export { expect };
