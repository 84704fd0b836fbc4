// The VPS detail page and the admin lists fit every width without sideways scrolling, even
// with a long VPS name, and open from the keyboard.
import { ADMIN, expect, newClient, newVps, signIn, test } from "../fixtures";

const WIDTHS = [320, 390, 800, 1280];
const LONG_NAME = "customerproductiondatabasereplicaeucentral1a0002";

async function pageOverflow(page: import("@playwright/test").Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test("VPS detail and admin lists fit from 320px to 1280px", async ({ page, browser }) => {
  const user = await newClient();
  const vps = await newVps(user.id, { name: LONG_NAME, cpu: 16, ram: 65536, disk: 2048, os: "Ubuntu 24.04 LTS", status: "running", ip_address: "203.0.113.251" });
  await signIn(page, user.email, user.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  // From the list to the detail page with the keyboard: focus the row's link, press Enter.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole("link", { name: new RegExp(LONG_NAME) }).locator("visible=true").focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/vps/${vps.id}$`));
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    await expect(page.getByTestId("vps-name")).toBeVisible();
    expect(await pageOverflow(page), `/vps/${vps.id} at ${width}px`).toBeLessThanOrEqual(0);
  }

  const context = await browser.newContext();
  const admin = await context.newPage();
  await signIn(admin, ADMIN.email, ADMIN.password);
  for (const path of ["/admin/users", "/admin/vps", `/vps/${vps.id}`]) {
    await admin.goto(path);
    for (const width of WIDTHS) {
      await admin.setViewportSize({ width, height: 800 });
      expect(await pageOverflow(admin), `${path} at ${width}px`).toBeLessThanOrEqual(0);
    }
  }
  await context.close();
});
