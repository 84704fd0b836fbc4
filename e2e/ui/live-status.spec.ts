// The foundation's promise, as a client meets it: sign in, see the VPS, and watch a status
// change the main site reports (POST /api/vps/sync) appear on the open page without a
// reload. Each test makes its own client and VPS through the sync API.
import { expect, newClient, newVps, signIn, syncVps, test, type TestUser } from "../fixtures";

async function clientWithFleet(): Promise<TestUser> {
  const user = await newClient();
  await newVps(user.id, { name: "web-server-01", cpu: 2, ram: 4096, disk: 50, status: "running" });
  await newVps(user.id, { name: "db-primary", cpu: 8, ram: 16384, disk: 200, status: "running" });
  await newVps(user.id, { name: "staging", cpu: 1, ram: 1024, disk: 20, status: "stopped" });
  await newVps(user.id, { name: "backup-01", cpu: 1, ram: 2048, disk: 500, status: "stopped" });
  await newVps(user.id, { name: "dev-box", cpu: 4, ram: 8192, disk: 100, status: "suspended" });
  return user;
}

test("signing in by email shows the client's VPS with Russian units", async ({ page }) => {
  const user = await clientWithFleet();
  await signIn(page, user.email, user.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1, name: "Мои серверы" })).toBeVisible();
  await expect(page.getByText("5 серверов")).toBeVisible();
  const rows = page.getByTestId("vps-row");
  await expect(rows).toHaveCount(5);
  await expect(rows.filter({ hasText: "web-server-01" })).toContainText("4 ГБ");
  await expect(rows.filter({ hasText: "db-primary" })).toContainText("16 ГБ");
  await expect(rows.filter({ hasText: "db-primary" })).toContainText("200 ГБ");
  await expect(rows.filter({ hasText: "db-primary" })).toContainText("8 ядер");
  await expect(page.locator("table")).not.toContainText(/\b[GM]B\b/);
});

test("signing in by username works too", async ({ page }) => {
  const user = await clientWithFleet();
  await signIn(page, user.username, user.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("vps-row")).toHaveCount(5);
});

test("a status change reported by the main site appears on the open dashboard without a reload", async ({ page }) => {
  const user = await newClient();
  const staging = await newVps(user.id, { name: "staging", status: "stopped" });
  await signIn(page, user.email, user.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-connected", "true");

  const badge = page.locator(`[data-testid=vps-row][data-vps-id="${staging.id}"]`).getByTestId("vps-status");
  await expect(badge).toHaveAttribute("data-status", "stopped");
  await expect(badge).toHaveText("Остановлен");

  // Any navigation or reload would drop this marker and fire framenavigated.
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
  const navigations: string[] = [];
  page.on("framenavigated", (f) => {
    if (f === page.mainFrame()) navigations.push(f.url());
  });

  await syncVps(staging.id, { status: "running" });
  await expect(badge).toHaveAttribute("data-status", "running");
  await expect(badge).toHaveText("Работает");
  await syncVps(staging.id, { status: "error" });
  await expect(badge).toHaveText("Ошибка");
  await syncVps(staging.id, { status: "stopped" });
  await expect(badge).toHaveText("Остановлен");
  expect(navigations).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
});
