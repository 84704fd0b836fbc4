// Every page fits the screen from phone to desktop (no sideways scrolling of the page), even
// with a long VPS name, and can be used from the keyboard.
import { ADMIN, expect, newClient, newVps, signIn, test } from "../fixtures";

const WIDTHS = [320, 390, 800, 1280];
// No hyphens or spaces: nothing for the browser to break the line at.
const LONG_NAME = "customerproductiondatabasereplicaeucentral1a0001";

async function pageOverflow(page: import("@playwright/test").Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test("login, dashboard and admin fit every width without sideways scrolling", async ({ page, browser }) => {
  const user = await newClient();
  const { email } = user;
  await newVps(user.id, { name: LONG_NAME, cpu: 16, ram: 65536, disk: 2048, os: "Ubuntu 24.04 LTS", status: "suspended", ip_address: "203.0.113.250" });

  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto("/login");
    expect(await pageOverflow(page), `/login at ${width}px`).toBeLessThanOrEqual(0);
  }
  await signIn(page, email, user.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    await expect(page.getByText(LONG_NAME).locator("visible=true")).toHaveCount(1);
    expect(await pageOverflow(page), `/dashboard at ${width}px`).toBeLessThanOrEqual(0);
    // Content wider than its box must be scrollable there, not cut off.
    const clipped = await page.evaluate(() =>
      [...document.querySelectorAll("main *")]
        .filter((el) => el.scrollWidth > el.clientWidth + 1 && (el as HTMLElement).offsetParent !== null)
        .filter((el) => !["auto", "scroll"].includes(getComputedStyle(el).overflowX))
        .filter((el) => !getComputedStyle(el).textOverflow.includes("ellipsis"))
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(clipped, `clipped content at ${width}px`).toEqual([]);
  }

  const context = await browser.newContext();
  const admin = await context.newPage();
  await signIn(admin, ADMIN.email, ADMIN.password);
  await expect(admin).toHaveURL(/\/admin$/);
  for (const width of WIDTHS) {
    await admin.setViewportSize({ width, height: 800 });
    expect(await pageOverflow(admin), `/admin at ${width}px`).toBeLessThanOrEqual(0);
  }
  await context.close();
});

test("the login form and the header work from the keyboard", async ({ page }) => {
  await page.goto("/login");
  await expect(page.locator("#login")).toBeFocused();
  await page.keyboard.type(ADMIN.email);
  await page.keyboard.press("Tab");
  await expect(page.locator("#password")).toBeFocused();
  await page.keyboard.type(ADMIN.password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/admin$/);

  // Skip link first, then the logo, the navigation, the notification bell, the language switch and sign-out.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Перейти к содержимому" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
  await page.goto("/admin");
  const order = [
    page.getByRole("link", { name: "Перейти к содержимому" }),
    page.getByRole("link", { name: "ospab panel" }),
    page.getByRole("navigation").getByRole("link", { name: "Мои серверы" }),
    page.getByRole("navigation").getByRole("link", { name: "API-токены" }),
    page.getByRole("navigation").getByRole("link", { name: "SSH-ключи" }),
    page.getByRole("navigation").getByRole("link", { name: "Оповещения" }),
    page.getByRole("navigation").getByRole("link", { name: "Аккаунт" }),
    page.getByRole("navigation").getByRole("link", { name: "Администрирование" }),
    page.getByRole("navigation").getByRole("link", { name: "Пользователи" }),
    page.getByRole("navigation").getByRole("link", { name: "Все VPS" }),
    page.getByRole("navigation").getByRole("link", { name: "Заказы" }),
    page.getByRole("navigation").getByRole("link", { name: "Вебхуки" }),
    page.getByRole("navigation").getByRole("link", { name: "Тарифы" }),
    page.getByRole("navigation").getByRole("link", { name: "Журнал" }),
    page.getByRole("navigation").getByRole("link", { name: "Входящие" }),
    page.getByTestId("notification-bell"),
    page.getByTestId("language-switcher"),
    page.getByTestId("sign-out"),
  ];
  for (const target of order) {
    await page.keyboard.press("Tab");
    await expect(target).toBeFocused();
    // A visible focus indicator: an outline or a ring (box-shadow).
    const indicator = await target.evaluate((el) => {
      const s = getComputedStyle(el);
      return (s.outlineStyle !== "none" && s.outlineWidth !== "0px") || s.boxShadow !== "none";
    });
    expect(indicator, `focus is visible on ${await target.evaluate((el) => el.outerHTML.slice(0, 60))}`).toBe(true);
  }
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/login$/);
});
