// The nonce CSP in a real browser: every page of both areas loads, hydrates and opens its
// live socket without a single CSP report (the fixture fails a spec on any), and markup
// injected into a page cannot run script.
import type { Page } from "@playwright/test";
import { ADMIN, CLIENT, expect, signIn, test } from "../fixtures";

async function visit(page: Page, path: string) {
  const res = await page.goto(path);
  expect(res?.status(), path).toBeLessThan(400);
  // Hydrated: React attached its handlers (the sign-out button is a client component).
  await expect(page.getByTestId("sign-out")).toBeVisible();
}

test("a client's pages load, hydrate and open the live socket under the CSP", async ({ page, db }) => {
  test.setTimeout(90_000);
  const client = await db.prisma.user.findUniqueOrThrow({ where: { email: CLIENT.email } });
  const vps = await db.prisma.vps.findFirstOrThrow({ where: { userId: client.id, deletedAt: null } });
  // The live-status socket (socket.io, same origin: allowed by connect-src) opens on the dashboard.
  const socket = page.waitForEvent("websocket", { predicate: (ws) => ws.url().includes("/socket.io/"), timeout: 20_000 });
  await signIn(page, CLIENT.email, CLIENT.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  expect((await socket).isClosed()).toBe(false);
  for (const path of ["/dashboard", "/orders", "/tokens", `/vps/${vps.id}`]) await visit(page, path);
});

test("an admin's pages load and hydrate under the CSP", async ({ page, db }) => {
  test.setTimeout(90_000);
  const client = await db.prisma.user.findUniqueOrThrow({ where: { email: CLIENT.email } });
  const vps = await db.prisma.vps.findFirstOrThrow({ where: { userId: client.id, deletedAt: null } });
  const hook = await db.prisma.webhook.findFirstOrThrow();
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page).toHaveURL(/\/admin$/);
  for (const path of ["/admin", "/admin/users", "/admin/vps", "/admin/plans", "/admin/webhooks", "/admin/webhooks/new", `/admin/webhooks/${hook.id}`, `/admin/webhooks/${hook.id}/edit`, `/vps/${vps.id}`])
    await visit(page, path);
});

test("injected markup cannot run script: the browser blocks it and reports the policy", async ({ browser }) => {
  // Its own context: this spec expects a violation, which the fixture's context would fail on.
  const context = await browser.newContext();
  const page = await context.newPage();
  const reports: string[] = [];
  page.on("console", (m) => reports.push(m.text()));
  await page.goto("/login");
  const csp = await page.evaluate(async () => (await fetch("/login")).headers.get("content-security-policy"));
  expect(csp).toMatch(/script-src 'self' 'nonce-/);
  await page.evaluate(() => {
    document.body.insertAdjacentHTML("beforeend", `<img src="/favicon.ico?x" onload="window.__injected = 1" onerror="window.__injected = 1">`);
  });
  await expect.poll(() => reports.some((r) => /Content Security Policy/.test(r))).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
  await context.close();
});
