// Signing in and out, and the border between the client area and the admin area.
import { ADMIN, expect, newClient, signIn, signOut, test } from "../fixtures";

test("a wrong password shows the error and keeps the visitor on the login page", async ({ page }) => {
  await signIn(page, "client2@ospab.local", "not-the-password");
  const alert = page.getByRole("alert").filter({ hasText: /\S/ });
  await expect(alert).toHaveText("Неверный логин или пароль");
  await expect(page).toHaveURL(/\/login$/);
  // The form is usable again for the next attempt.
  await expect(page.locator("form button[type=submit]")).toBeEnabled();
});

test("signed-out visitors are sent to the login page", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { name: "Вход в панель" })).toBeVisible();
});

test("an admin reaches /admin; a client is sent away from it", async ({ page, browser }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { level: 1, name: "Администрирование" })).toBeVisible();
  await expect(page.getByTestId("admin-stat").first()).toBeVisible();
  await expect(page.getByRole("navigation").getByRole("link", { name: "Администрирование" })).toHaveAttribute("aria-current", "page");

  const context = await browser.newContext();
  const client = await context.newPage();
  const someone = await newClient();
  await signIn(client, someone.email, someone.password);
  await expect(client).toHaveURL(/\/dashboard$/);
  await expect(client.getByRole("link", { name: "Администрирование" })).toHaveCount(0);
  await client.goto("/admin");
  await expect(client).toHaveURL(/\/dashboard$/);
  await context.close();
});

test("signing out ends the session", async ({ page }) => {
  const someone = await newClient();
  await signIn(page, someone.email, someone.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await signOut(page);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login$/);
  const res = await page.request.get("/api/vps");
  expect(res.status()).toBe(401);
});
