// /account in Chromium: turning on two-factor sign-in with an authenticator app (the test
// computes the codes with the same library), signing in with a code and with a recovery
// code, and ending a session from another browser.
import type { APIRequestContext, Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { TEST_SYNC_KEY } from "../../test/support/panel";
import { ADMIN, expect, signIn, test } from "../fixtures";

// Each of these tests signs in several times (bcrypt, cost 12) on a shared machine.
test.describe.configure({ timeout: 120_000 });

const totpCode = (secret: string, stepsAhead = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp: Date.now() + stepsAhead * 30_000 });

async function createUser(request: APIRequestContext, label: string) {
  const email = `${label}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const password = `pw-${label}-0123456789`;
  const res = await request.post("/api/users/sync", { headers: { "x-api-key": TEST_SYNC_KEY }, data: { email, password, name: `Тест ${label}` } });
  expect(res.ok()).toBe(true);
  return { email, password };
}

async function signInWithCode(page: Page, user: { email: string; password: string }, code: string) {
  await signIn(page, user.email, user.password);
  // The password is accepted; the form now asks for the second factor.
  await expect(page.locator("#code")).toBeFocused();
  await page.locator("#code").fill(code);
  await page.locator("form button[type=submit]").click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

async function signOutViaHeader(page: Page) {
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/login$/);
}

test("2FA: enrol from /account, then sign in with a code and with a recovery code", async ({ page, request }, info) => {
  const user = await createUser(request, "twofa-ui");
  await signIn(page, user.email, user.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole("navigation").getByRole("link", { name: "Аккаунт" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("two-factor-status")).toHaveText("Выключен. При входе нужен только пароль.");

  await page.locator("#enable-password").fill(user.password);
  await page.getByRole("button", { name: "Включить" }).click();
  const secret = (await page.getByTestId("totp-secret").innerText()).trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.getByTestId("totp-qr").locator("svg")).toBeVisible();
  await page.getByTestId("two-factor").screenshot({ path: info.outputPath("account-enrol.png") });
  await page.getByLabel("Код из приложения").fill(totpCode(secret));
  await page.getByRole("button", { name: "Подтвердить" }).click();
  await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
  const codes = await page.getByTestId("recovery-codes").locator("li").allInnerTexts();
  expect(codes.every((c) => /^[a-z2-9]{5}-[a-z2-9]{5}$/.test(c))).toBe(true);
  await page.getByRole("button", { name: "Я сохранил коды" }).click();
  await expect(page.getByTestId("two-factor-status")).toContainText("Осталось резервных кодов: 10");
  await expect(page.getByTestId("recovery-codes")).toHaveCount(0);

  // A wrong code keeps the visitor on the login page with a clear message.
  await signOutViaHeader(page);
  await signIn(page, user.email, user.password);
  await page.locator("#code").fill("000000");
  await page.locator("form button[type=submit]").click();
  await expect(page.getByTestId("login-error")).toHaveText("Неверный или уже использованный код");
  await expect(page).toHaveURL(/\/login$/);

  await page.goto("/login");
  await signInWithCode(page, user, totpCode(secret, 1));
  await signOutViaHeader(page);
  await signInWithCode(page, user, codes[0]);
  await page.goto("/account");
  await expect(page.getByTestId("two-factor-status")).toContainText("Осталось резервных кодов: 9");
});

test("ending a session from another browser signs that browser out on its next navigation", async ({ browser, request }) => {
  const user = await createUser(request, "revoke-ui");
  const laptopCtx = await browser.newContext();
  const phoneCtx = await browser.newContext({
    viewport: { width: 390, height: 844 },
    userAgent: "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
  });
  const laptop = await laptopCtx.newPage();
  const phone = await phoneCtx.newPage();
  await signIn(phone, user.email, user.password);
  await expect(phone).toHaveURL(/\/dashboard$/);
  await signIn(laptop, user.email, user.password);
  await expect(laptop).toHaveURL(/\/dashboard$/);

  await laptop.goto("/account");
  const rows = laptop.getByTestId("session-row");
  await expect(rows).toHaveCount(2);
  await expect(laptop.locator("[data-testid=session-row][data-current]")).toContainText("Это устройство");
  const other = laptop.locator("[data-testid=session-row]:not([data-current])");
  await expect(other).toContainText("Chrome на Android");
  await other.getByRole("button", { name: "Завершить" }).click();
  await expect(rows).toHaveCount(1);

  await phone.goto("/dashboard");
  await expect(phone).toHaveURL(/\/login$/);
  // The laptop is still signed in.
  await laptop.goto("/dashboard");
  await expect(laptop).toHaveURL(/\/dashboard$/);
  await laptopCtx.close();
  await phoneCtx.close();
});

test("/account looks right on a desktop and a phone (ru)", async ({ browser, request }, info) => {
  const user = await createUser(request, "shot");
  for (const [name, viewport] of [["desktop", { width: 1280, height: 900 }], ["phone", { width: 390, height: 844 }]] as const) {
    const ctx = await browser.newContext({ viewport });
    const page = await ctx.newPage();
    await signIn(page, user.email, user.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.goto("/account");
    await expect(page.getByRole("heading", { level: 1, name: "Аккаунт" })).toBeVisible();
    // No sideways scrolling on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: info.outputPath(`account-${name}.png`), fullPage: true });
    await ctx.close();
  }
  // Admins have the most header links: the Account link must still fit.
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByRole("navigation").getByRole("link", { name: "Аккаунт" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("navigation").getByRole("link", { name: "Аккаунт" })).toHaveAttribute("aria-current", "page");
  await page.screenshot({ path: info.outputPath("account-admin-desktop.png") });
  await ctx.close();
});
