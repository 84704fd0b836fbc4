// A client orders a plan in the browser and watches it become a running VPS without
// reloading: the order goes to the reference main site (its own process) as a signed
// webhook, the main site builds the VPS through the sync API, and every step shows live.
import { SessionClient } from "../../test/support/http";
import { startMainSite, type MainSite } from "../../test/support/main-site";
import { TEST_SYNC_KEY } from "../../test/support/panel";
import { ADMIN, expect, newClient, signIn, test } from "../fixtures";

const SECRET = "e2e-order-webhook-secret-0123456789";

let mainSite: MainSite;
let admin: SessionClient;
let webhookId: number;

test.beforeAll(async () => {
  const panelUrl = process.env.E2E_BASE_URL!;
  mainSite = await startMainSite({ panelUrl, syncKey: TEST_SYNC_KEY, webhookSecret: SECRET, provisionDelayMs: 2500, failPlans: ["vps-max"] });
  admin = new SessionClient(panelUrl);
  if (!(await admin.signIn(ADMIN.email, ADMIN.password))) throw new Error("admin sign-in failed");
  const res = await admin.fetch("/api/webhooks", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "Main site (e2e)", url: mainSite.webhookUrl, event_type: ["order.created", "vps.created", "vps.action_requested"], secret: SECRET }),
  });
  if (res.status !== 201) throw new Error(`POST /api/webhooks: ${res.status} ${(await res.text()).slice(0, 200)}`);
  webhookId = (await res.json()).id;
});

test.afterAll(async () => {
  await admin?.fetch(`/api/webhooks/${webhookId}`, { method: "DELETE" });
  await mainSite?.stop();
});

test("a client orders VPS Pro and watches it become a running VPS live", async ({ page }) => {
  const { email, password } = await newClient();
  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole("link", { name: "Заказать" }).click();
  await expect(page).toHaveURL(/\/orders$/);
  await expect(page.getByTestId("orders-empty")).toBeVisible();

  // Any navigation or reload would drop this marker.
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));

  await page.locator("[data-testid=plan-option][data-plan-code=vps-pro]").click();
  await page.getByLabel("Операционная система").selectOption("Debian 12");
  await page.getByTestId("order-submit").click();
  await expect(page.getByTestId("order-notice")).toContainText(/Заказ №\d+ принят/);

  const item = page.getByTestId("order-item").first();
  await expect(item).toContainText("VPS Pro");
  await expect(item).toContainText("Debian 12");
  await expect(item.getByTestId("order-status")).toHaveText("Выполняется");
  // The main site registers the VPS: its name and "creating" appear, then it runs.
  await expect(item.getByTestId("order-vps-name")).toHaveText(/vps-pro-\d+/, { timeout: 15_000 });
  await expect(item).toHaveAttribute("data-status", "finished", { timeout: 20_000 });
  await expect(item.getByTestId("order-status")).toHaveText("Готов");
  await expect(item.getByTestId("order-vps-ip")).toHaveText(/^198\.51\.100\.\d+$/);
  await expect(item.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  // And it is in the client's server list, running.
  await item.getByRole("link", { name: /К моим серверам/ }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  const row = page.getByTestId("vps-row").filter({ hasText: /vps-pro-\d+/ });
  await expect(row.getByTestId("vps-status")).toHaveAttribute("data-status", "running");
  await expect(row).toContainText("Debian 12");
});

test("an order the main site cannot fill shows its reason", async ({ page }) => {
  const { email, password } = await newClient();
  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/dashboard$/);
  // The user's language, saved as the header's switcher saves it.
  expect((await page.request.put("/api/me/locale", { data: { locale: "en" } })).ok()).toBe(true);
  await page.goto("/orders");
  await page.locator("[data-testid=plan-option][data-plan-code=vps-max]").click();
  await page.getByTestId("order-submit").click();
  const item = page.getByTestId("order-item").first();
  await expect(item).toHaveAttribute("data-status", "error", { timeout: 20_000 });
  await expect(item.getByTestId("order-status")).toHaveText("Failed");
  await expect(item.getByTestId("order-error-message")).toContainText("No capacity for VPS Max");
});
