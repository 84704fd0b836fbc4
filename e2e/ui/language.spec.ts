// The UI language: Russian by default, switched from the header, saved for the user (it
// survives a reload, signing out and in, and a fresh browser).
import { expect, newClient, newVps, signIn, signOut, test } from "../fixtures";

test("switching to English changes the UI and the choice is kept", async ({ page, browser, db }) => {
  const user = await newClient({ name: "Lang Tester" });
  const { email, password } = user;
  await newVps(user.id, { name: "lang-box", cpu: 2, ram: 2048, disk: 40, os: "Debian 12", status: "running" });

  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Мои серверы");
  await expect(page.getByTestId("vps-row")).toContainText("2 ГБ");

  await page.getByTestId("language-switcher").selectOption("en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My servers");
  await expect(page.getByTestId("vps-row")).toContainText("2 GB");
  await expect(page.getByTestId("vps-row").getByTestId("vps-status")).toHaveText("Running");
  await expect(page.getByTestId("sign-out")).toHaveText("Sign out");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My servers");

  await signOut(page);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await signIn(page, email, password);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My servers");

  // Saved for the user, not only in this browser's cookie.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto("/login");
  await expect(other.getByRole("heading", { name: "Вход в панель" })).toBeVisible();
  await signIn(other, email, password);
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("My servers");
  await fresh.close();

  expect((await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe("en");
});
