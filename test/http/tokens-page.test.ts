// The tokens page as a person uses it, in Chromium: create a token, see it once, copy it,
// use it, revoke it after confirming.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { chromium, type Browser } from "@playwright/test";
import { startPanel, type Panel } from "../support/panel";

describe("tokens page in a browser", () => {
  let panel: Panel;
  let browser: Browser;
  before(async () => {
    panel = await startPanel();
    browser = await chromium.launch({ executablePath: existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined });
  });
  after(async () => {
    await browser?.close();
    await panel?.stop();
  });

  for (const [width, height] of [[1280, 900], [390, 844]] as const) {
    it(`create, reveal once, use, revoke (${width}px)`, async () => {
      const ctx = await browser.newContext({ viewport: { width, height }, locale: "en-US", permissions: ["clipboard-read", "clipboard-write"] });
      const page = await ctx.newPage();
      await page.goto(`${panel.url}/login`);
      await page.fill("#login", "jane");
      await page.fill("#password", "client2-demo-pass");
      await page.click("button[type=submit]");
      await page.waitForURL(/\/dashboard$/);
      await page.getByRole("link", { name: "API tokens" }).click();
      await page.waitForURL(/\/tokens$/);
      const name = `laptop-${width}`;

      // An empty name is refused in the form, with the field focused.
      await page.getByTestId("create-token").click();
      assert.equal(await page.locator("#token-name").evaluate((el) => el === document.activeElement), true);
      assert.equal(await page.getByText("Enter a name").isVisible(), true);

      await page.fill("#token-name", name);
      await page.getByLabel(/orders:write/).check();
      await page.getByTestId("create-token").click();
      const secret = await page.getByTestId("token-secret").inputValue();
      assert.match(secret, /^osp_[0-9A-Za-z]{43}$/);
      await page.getByTestId("copy-token").click();
      await page.getByText("Copied").first().waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);

      const api = await fetch(`${panel.url}/api/vps`, { headers: { authorization: `Bearer ${secret}` } });
      assert.equal(api.status, 200);

      await page.getByTestId("token-reveal-done").click();
      assert.equal(await page.getByTestId("token-reveal").count(), 0);
      assert.ok(!(await page.content()).includes(secret), "the secret is gone from the page");
      await page.reload();
      assert.ok(!(await page.content()).includes(secret), "and never comes back");

      const item = page.locator("[data-testid=token-row]", { hasText: name }); // one markup at every width
      assert.equal(await item.getAttribute("data-state"), "active");
      assert.ok((await item.innerText()).includes(secret.slice(0, 10)), "the list shows the prefix");
      await item.getByTestId("revoke-token").click();
      await item.getByRole("button", { name: "Cancel" }).click();
      assert.equal(await item.getAttribute("data-state"), "active");
      await item.getByTestId("revoke-token").click();
      await item.getByTestId("confirm-revoke").click();
      await page.locator("[data-state=revoked]:visible", { hasText: name }).waitFor();

      const refused = await fetch(`${panel.url}/api/vps`, { headers: { authorization: `Bearer ${secret}` } });
      assert.equal(refused.status, 401);
      await ctx.close();
    });
  }
});
