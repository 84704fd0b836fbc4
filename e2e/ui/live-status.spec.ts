// The foundation's promise, as a client meets it: sign in, see the VPS, and watch a status
// change made elsewhere (here: through lib/vps/update-vps.ts, as the sync API will) appear
// on the open page without a reload.
import { updateVps } from "../../lib/vps/update-vps";
import { CLIENT, expect, signIn, test } from "../fixtures";

test("signing in by email shows the 5 demo VPS with Russian units", async ({ page }) => {
  await signIn(page, CLIENT.email, CLIENT.password);
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
  await signIn(page, CLIENT.username, CLIENT.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("vps-row")).toHaveCount(5);
});

test("a status change made through lib/ appears on the open dashboard without a reload", async ({ page, db }) => {
  await signIn(page, CLIENT.email, CLIENT.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-connected", "true");

  const staging = await db.prisma.vps.findFirstOrThrow({ where: { name: "staging", user: { email: CLIENT.email } } });
  const badge = page.locator(`[data-testid=vps-row][data-vps-id="${staging.id}"]`).getByTestId("vps-status");
  await expect(badge).toHaveAttribute("data-status", "stopped");
  await expect(badge).toHaveText("Остановлен");

  // Any navigation or reload would drop this marker and fire framenavigated.
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
  const navigations: string[] = [];
  page.on("framenavigated", (f) => {
    if (f === page.mainFrame()) navigations.push(f.url());
  });

  try {
    await updateVps(db.prisma, staging.id, { status: "running" });
    await expect(badge).toHaveAttribute("data-status", "running");
    await expect(badge).toHaveText("Работает");
    await updateVps(db.prisma, staging.id, { status: "error" });
    await expect(badge).toHaveText("Ошибка");
  } finally {
    await updateVps(db.prisma, staging.id, { status: "stopped" });
  }
  await expect(badge).toHaveText("Остановлен");
  expect(navigations).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
});
