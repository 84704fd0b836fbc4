// Times in the user's own zone: a browser in Tokyo sees Tokyo time without choosing anything
// (the page tells the server its zone once), and a zone chosen on /account wins everywhere.
import { expect, newClient, signIn, test } from "../fixtures";

test.use({ timezoneId: "Asia/Tokyo" });

test("the browser's zone at first, then the one chosen on /account; dates carry the zone's offset", async ({ page }, info) => {
  const user = await newClient();
  await signIn(page, user.email, user.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/account");
  const hint = page.locator("#profile-time-zone-hint");
  await expect(hint).toContainText("Asia/Tokyo (GMT+9)");
  // The sign-in just made is listed in the same zone.
  await expect(page.locator("time").first()).toContainText("GMT+9");

  await page.locator("#profile-time-zone").selectOption("Asia/Vladivostok");
  await page.locator("#profile form button[type=submit], form:has(#profile-time-zone) button[type=submit]").first().click();
  await expect(hint).toContainText("Asia/Vladivostok (GMT+10)");
  await expect(page.locator("time").first()).toContainText("GMT+10");
  await page.screenshot({ path: info.outputPath("account-time-zone.png"), fullPage: true });

  // Elsewhere too, after a fresh load.
  await page.goto("/account");
  await expect(hint).toContainText("Asia/Vladivostok (GMT+10)");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator("#profile-time-zone").scrollIntoViewIfNeeded();
  await page.screenshot({ path: info.outputPath("account-time-zone-phone.png") });
});
