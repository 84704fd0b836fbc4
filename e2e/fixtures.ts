// Shared helpers for the browser specs: signing in through the real form, making users and
// VPS the way the main site does (POST /api/users/sync, POST /api/vps/sync with the sync
// key: each spec makes its own, so no spec depends on another's data or on file order),
// and a read handle on the panel's database for checks.
import { randomBytes } from "node:crypto";
import { expect, test as base, type Page } from "@playwright/test";
import { openDatabase, type Database } from "../lib/db";
import { TEST_SYNC_KEY } from "../test/support/panel";

export const CLIENT = { email: "client@ospab.local", username: "demo", password: "client-demo-pass" };
export const ADMIN = { email: "admin@ospab.local", password: "admin-demo-pass" };

/** A POST from the main site (X-API-Key); throws with the panel's message unless 2xx. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function mainSite(path: string, body: unknown): Promise<any> {
  const base = process.env.E2E_BASE_URL;
  if (!base) throw new Error("E2E_BASE_URL is not set: run through playwright.config.ts (global setup)");
  const res = await fetch(new URL(path, base), {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": TEST_SYNC_KEY },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path} ${res.status}: ${text}`);
  return JSON.parse(text);
}

export const uniqueName = (prefix: string) => `${prefix}-${randomBytes(4).toString("hex")}`;

export interface TestUser {
  id: number;
  email: string;
  username: string;
  password: string;
}

/** A new client of its own, created as the main site creates one. */
export async function newClient(opts: { name?: string } = {}): Promise<TestUser> {
  const username = uniqueName("u");
  const email = `${username}@example.com`;
  const password = `pw-${randomBytes(8).toString("hex")}`;
  const r = await mainSite("/api/users/sync", { email, username, password, name: opts.name });
  return { id: r.user.id, email, username, password };
}

export interface VpsSpec {
  name: string;
  cpu?: number;
  ram?: number;
  disk?: number;
  os?: string;
  status?: string;
  ip_address?: string;
}

/** A VPS pushed by the main site (sync `create`); returns its view. */
export async function newVps(userId: number, spec: VpsSpec): Promise<{ id: number; name: string; status: string }> {
  const r = await mainSite("/api/vps/sync", { action: "create", vps: { cpu: 2, ram: 2048, disk: 40, os: "Debian 12", ...spec, user_id: userId } });
  return r.vps;
}

/** A change the main site reports (sync `update`), exactly as the main site confirms actions. */
export async function syncVps(id: number, changes: Partial<VpsSpec>) {
  return (await mainSite("/api/vps/sync", { action: "update", vps: { id, ...changes } })).vps;
}

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
