// /admin/audit in Chromium: an admin's change shows up with its actor and action, the
// filters live in the URL, the empty state shows, it fits a phone and a desktop without
// sideways scrolling, and the admin header (now with the audit link) stays one row at 1280 px.
import { ADMIN, expect, signIn, test } from "../fixtures";

test("the audit log lists changes, filters them through the URL and fits every width", async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page).toHaveURL(/\/admin$/);
  // A change of our own to find: a new plan.
  const code = `audit-e2e-${Date.now()}`;
  const res = await page.request.post("/api/plans", {
    data: { code, name: "Audit e2e", cpu: 1, ram: 1024, disk: 10, os_choices: ["Debian 12"] },
  });
  expect(res.status()).toBe(201);

  await page.getByRole("navigation").getByRole("link", { name: "Журнал" }).click();
  await expect(page).toHaveURL(/\/admin\/audit$/);
  await expect(page.getByRole("heading", { name: "Журнал изменений" })).toBeVisible();
  const row = page.getByTestId("audit-row").filter({ hasText: code });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("plan.created");
  await expect(row).toContainText(ADMIN.email);

  await page.locator("#audit-action").fill("plan.created");
  await expect(page).toHaveURL(/action=plan\.created/);
  await expect(page.getByTestId("audit-row").first()).toHaveAttribute("data-action", "plan.created");
  await page.locator("#audit-to").fill("2000-01-01");
  await expect(page).toHaveURL(/to=2000-01-01/);
  await expect(page.getByTestId("list-empty")).toBeVisible();

  await page.goto(`/admin/audit?action=plan.created`);
  for (const width of [320, 390, 800, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `/admin/audit at ${width}px`).toBeLessThanOrEqual(0);
  }
  // At 1280 px an admin's header is two rows: logo and sign-out on the first, all eleven
  // links on one row below (the first and the last link share a line).
  await page.setViewportSize({ width: 1280, height: 900 });
  const logo = await page.getByRole("link", { name: "ospab panel" }).boundingBox();
  const first = await page.getByRole("navigation").getByRole("link", { name: "Мои серверы" }).boundingBox();
  const last = await page.getByRole("navigation").getByRole("link", { name: "Входящие" }).boundingBox();
  const signOut = await page.getByTestId("sign-out").boundingBox();
  expect(Math.abs(last!.y - first!.y)).toBeLessThan(8);
  expect(first!.y).toBeGreaterThan(logo!.y + logo!.height - 1);
  expect(Math.abs(signOut!.y + signOut!.height / 2 - (logo!.y + logo!.height / 2))).toBeLessThan(8);
  if (process.env.AUDIT_SHOTS) {
    await page.screenshot({ path: `${process.env.AUDIT_SHOTS}/audit-desktop.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${process.env.AUDIT_SHOTS}/audit-phone.png`, fullPage: true });
  }
});
