// /admin/sync-log in Chromium: a refused and an accepted call of the main site show up,
// the outcome filter lives in the URL, the empty state shows, it fits a phone and a desktop
// without sideways scrolling, and a call made while it is open appears without a reload. Admins reach it from the /admin overview and the header.
import { ADMIN, expect, mainSite, signIn, test, uniqueName } from "../fixtures";

test("the inbound log lists refused and accepted calls, filters them through the URL and fits every width", async ({ page }) => {
  const refused = await fetch(new URL("/api/vps/sync", process.env.E2E_BASE_URL), {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": "not-the-key-0123456789abcdef0123456789" },
    body: JSON.stringify({ action: "delete", vps: { id: 1 } }),
  });
  expect(refused.status).toBe(401);
  const refusedId = refused.headers.get("x-request-id");
  const user = await mainSite("/api/users/sync", { email: `${uniqueName("inlog")}@example.com`, password: `pw-${uniqueName("x")}` });
  expect(user.user.id).toBeGreaterThan(0);

  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByTestId("admin-sync-log-link").click();
  await expect(page).toHaveURL(/\/admin\/sync-log$/);
  await expect(page.getByRole("navigation").getByRole("link", { name: "Входящие" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { name: "Журнал входящих вызовов" })).toBeVisible();
  const row = page.locator(`[data-testid="sync-log-row"][data-request-id="${refusedId}"]`);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("401");
  await expect(row).toContainText("/api/vps/sync");

  await page.locator("#sync-log-status").selectOption("ok");
  await expect(page).toHaveURL(/status=ok/);
  await expect(page.locator('[data-testid="sync-log-row"][data-status="401"]')).toHaveCount(0);
  await expect(page.getByTestId("sync-log-row").filter({ hasText: "/api/users/sync" }).first()).toBeVisible();
  await page.goto("/admin/sync-log?vps=2147483000");
  await expect(page.getByTestId("list-empty")).toBeVisible();

  // Live: a call made while the page is open shows up without a reload.
  await page.goto("/admin/sync-log");
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-connected", "true");
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  const later = await fetch(new URL("/api/vps/sync", process.env.E2E_BASE_URL), {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": "not-the-key-0123456789abcdef0123456789" },
    body: JSON.stringify({ action: "delete", vps: { id: 2 } }),
  });
  expect(later.status).toBe(401);
  await expect(page.locator(`[data-testid="sync-log-row"][data-request-id="${later.headers.get("x-request-id")}"]`)).toHaveCount(1);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  for (const width of [320, 390, 800, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `/admin/sync-log at ${width}px`).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  if (process.env.SYNC_LOG_SHOTS) {
    await page.screenshot({ path: `${process.env.SYNC_LOG_SHOTS}/sync-log-desktop.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${process.env.SYNC_LOG_SHOTS}/sync-log-phone.png`, fullPage: true });
  }
});
