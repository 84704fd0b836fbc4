// The client's VPS actions as a person meets them in Chromium: open a VPS from the list,
// request a reboot (confirm dialog), see the pending task and the buttons locked, and watch
// the main site's confirmation (POST /api/vps/sync, as the main site reports) arrive live:
// status badge, task cleared, activity entry, all without a reload. Also: rename with
// validation, and the filtered list staying live. Each test makes its own client and VPS
// through the sync API; the database is only read.
import { expect, newClient, newVps, signIn as signInAs, syncVps, test, type TestUser } from "../fixtures";
import type { Page } from "@playwright/test";

async function signIn(page: Page, user: TestUser) {
  await signInAs(page, user.email, user.password);
  await expect(page).toHaveURL(/\/dashboard$/);
}

/** Any navigation or reload from here on would drop the marker or record a URL. */
async function watchSameDocument(page: Page) {
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
  const navigations: string[] = [];
  page.on("framenavigated", (f) => {
    if (f === page.mainFrame()) navigations.push(f.url());
  });
  return async () => {
    expect(navigations).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  };
}

test("a client requests a reboot and sees the main site's confirmation live", async ({ page, db }) => {
  const user = await newClient();
  const vps = await newVps(user.id, { name: "web-server-01", cpu: 2, ram: 4096, disk: 50, status: "running" });
  await signIn(page, user);

  await page.getByRole("link", { name: /web-server-01/ }).first().click();
  await expect(page).toHaveURL(new RegExp(`/vps/${vps.id}$`));
  await expect(page.getByTestId("vps-name")).toHaveText("web-server-01");
  await expect(page.getByTestId("vps-ram")).toHaveText("4 ГБ");
  await expect(page.getByTestId("vps-cpu")).toHaveText("2 ядра");
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-connected", "true");
  const badge = page.getByTestId("vps-detail").getByTestId("vps-status").first();
  await expect(badge).toHaveText("Работает");
  // The event log is on the Activity tab (the power buttons and the request banner stay above the tabs).
  await page.getByTestId("vps-tab-activity").click();
  await expect(page).toHaveURL(new RegExp(`/vps/${vps.id}\\?tab=activity$`));
  const sameDocument = await watchSameDocument(page);

  // Reboot asks first; cancelling sends nothing.
  await page.getByTestId("action-reboot").click();
  await expect(page.getByTestId("confirm-dialog")).toContainText("Перезагрузить сервер?");
  await page.getByRole("button", { name: "Отмена" }).click();
  await expect(page.getByTestId("confirm-dialog")).toBeHidden();
  expect(await db.prisma.vpsActionRequest.count({ where: { vpsId: vps.id, status: "pending" } })).toBe(0);

  await page.getByTestId("action-reboot").click();
  await page.getByTestId("confirm-action").click();
  const pending = page.getByTestId("pending-action");
  await expect(pending).toContainText("Перезагрузка запрошена…");
  for (const id of ["action-start", "action-stop", "action-reboot", "action-rename"]) await expect(page.getByTestId(id)).toBeDisabled();
  await expect(page.getByTestId("activity-entry").first()).toContainText("Запрошена перезагрузка");

  const request = await db.prisma.vpsActionRequest.findFirstOrThrow({ where: { vpsId: vps.id, status: "pending" } });
  expect(request.action).toBe("reboot");

  // The main site reboots the VPS and reports it: stopped for a moment, then running.
  await syncVps(vps.id, { status: "stopped" });
  await expect(badge).toHaveText("Остановлен");
  await expect(pending).toBeVisible(); // not done yet
  await expect(page.getByTestId("activity-entry").first()).toContainText("Статус изменён: Работает → Остановлен");

  await syncVps(vps.id, { status: "running" });
  await expect(badge).toHaveText("Работает");
  await expect(pending).toBeHidden();
  await expect(page.getByTestId("activity-entry").first()).toContainText("Перезагрузка выполнена");
  await expect(page.getByTestId("action-reboot")).toBeEnabled();
  await expect(page.getByTestId("action-start")).toBeDisabled(); // running: nothing to start
  expect((await db.prisma.vpsActionRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("completed");
  await sameDocument();
});

test("rename validates in the dialog and the new name arrives live", async ({ page }) => {
  const user = await newClient();
  const vps = await newVps(user.id, { name: "db-primary", cpu: 8, ram: 16384, disk: 200, status: "running" });
  await signIn(page, user);
  await page.goto(`/vps/${vps.id}`);
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-connected", "true");
  await page.getByTestId("vps-tab-activity").click();
  const sameDocument = await watchSameDocument(page);
  await page.getByTestId("action-rename").click();
  const input = page.getByTestId("rename-input");
  await input.fill("bad name!");
  await expect(page.getByTestId("rename-hint")).toContainText("Имя не подходит");
  await expect(page.getByTestId("rename-submit")).toBeDisabled();
  await input.fill("db-main");
  await expect(page.getByTestId("rename-submit")).toBeEnabled();
  await page.getByTestId("rename-submit").click();
  await expect(page.getByTestId("pending-action")).toContainText("Переименование в «db-main» запрошено…");

  await syncVps(vps.id, { name: "db-main" });
  await expect(page.getByTestId("vps-name")).toHaveText("db-main");
  await expect(page.getByTestId("pending-action")).toBeHidden();
  await expect(page.getByTestId("activity-entry").first()).toContainText("Сервер переименован в «db-main»");
  await sameDocument();
});

test("the filtered list lives in the URL and stays live", async ({ page }) => {
  const user = await newClient();
  await newVps(user.id, { name: "web-server-01", status: "running", ip_address: "203.0.113.10" });
  await newVps(user.id, { name: "db-primary", status: "running", ip_address: "203.0.113.11" });
  const staging = await newVps(user.id, { name: "staging", status: "stopped", ip_address: "203.0.113.12" });
  await signIn(page, user);
  await page.getByTestId("vps-status-filter").selectOption("running");
  await expect(page).toHaveURL(/\/dashboard\?status=running$/);
  const rows = page.getByTestId("vps-row");
  await expect(rows).toHaveCount(2);
  await expect(page.locator(`[data-testid=vps-row][data-vps-id="${staging.id}"]`)).toHaveCount(0);

  const sameDocument = await watchSameDocument(page);
  // staging starts elsewhere: it now matches the filter and joins the list.
  await syncVps(staging.id, { status: "running" });
  await expect(page.locator(`[data-testid=vps-row][data-vps-id="${staging.id}"]`)).toHaveCount(1);
  await syncVps(staging.id, { status: "stopped" });
  await expect(page.locator(`[data-testid=vps-row][data-vps-id="${staging.id}"]`)).toHaveCount(0);
  await sameDocument();

  // Typing searches after a pause; the URL can be shared and reloaded.
  await page.getByTestId("vps-search").fill("203.0.113.11");
  await expect(page).toHaveURL(/q=203\.0\.113\.11/);
  await expect(rows).toHaveCount(1);
  await page.reload();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("db-primary");
  await page.getByTestId("vps-search").fill("nothing-like-this");
  await expect(page.getByTestId("vps-no-match")).toBeVisible();
});
