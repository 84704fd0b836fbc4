// An admin manages the plan catalogue in the browser: the form refuses bad values field by
// field, a new plan appears at once and is orderable; hiding it takes it off the order page.
import { ADMIN, expect, newClient, signIn, test } from "../fixtures";

test("an admin creates, edits and hides a plan; clients see the change", async ({ page, browser }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByRole("link", { name: "Тарифы" }).click();
  await expect(page).toHaveURL(/\/admin\/plans$/);
  await expect(page.getByRole("heading", { level: 1, name: "Тарифы" })).toBeVisible();

  await page.getByTestId("plan-new").click();
  await expect(page.locator("#plan-name")).toBeFocused();
  // Bad values: every field says what is wrong, focus goes to the first, nothing is saved.
  await page.locator("#plan-code").fill("Bad Code");
  await page.locator("#plan-cpu").fill("0");
  await page.locator("#plan-ram").fill("64");
  await page.locator("#plan-os_choices").fill("");
  await page.getByTestId("plan-save").click();
  for (const f of ["name", "code", "cpu", "ram", "os_choices"]) await expect(page.getByTestId(`plan-error-${f}`)).toBeVisible();
  await expect(page.locator("#plan-name")).toBeFocused();
  await expect(page.locator("#plan-name")).toHaveAttribute("aria-invalid", "true");

  const code = `e2e-${Date.now()}`;
  await page.locator("#plan-name").fill("VPS E2E");
  await page.locator("#plan-code").fill(code);
  await page.locator("#plan-cpu").fill("3");
  await page.locator("#plan-ram").fill("6144");
  await expect(page.getByText("Сейчас: 6 ГБ")).toBeVisible();
  await page.locator("#plan-disk").fill("75");
  await page.locator("#plan-price_monthly").fill("1234");
  await page.locator("#plan-os_choices").fill("Rocky Linux 9\nDebian 12");
  await page.getByTestId("plan-save").click();
  await expect(page.getByRole("status")).toHaveText("Тариф сохранён");
  const row = page.locator(`[data-testid=plan-row][data-plan-code="${code}"]`);
  await expect(row).toContainText("3 ядра · 6 ГБ · 75 ГБ");
  await expect(row).toContainText("1 234 ₽ / мес.");

  // A taken code is refused by the server with its message.
  await page.getByTestId("plan-new").click();
  await page.locator("#plan-name").fill("Duplicate");
  await page.locator("#plan-code").fill(code);
  await page.getByTestId("plan-save").click();
  await expect(page.getByTestId("plan-server-error")).toContainText("already exists");
  await page.getByRole("button", { name: "Отмена" }).click();

  // Edit: the form opens with the plan's values.
  await row.getByTestId("plan-edit").click();
  await expect(page.locator("#plan-code")).toHaveValue(code);
  await page.locator("#plan-cpu").fill("4");
  await page.getByTestId("plan-save").click();
  await expect(row).toContainText("4 ядра");

  // The client can order it...
  const clientCtx = await browser.newContext();
  const client = await clientCtx.newPage();
  const someone = await newClient();
  await signIn(client, someone.email, someone.password);
  await expect(client).toHaveURL(/\/dashboard$/);
  await client.goto("/orders");
  await expect(client.locator(`[data-testid=plan-option][data-plan-code="${code}"]`)).toContainText("VPS E2E");

  // ...until the admin hides it with the switch (keyboard works too).
  const toggle = row.getByRole("switch");
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await toggle.focus();
  await page.keyboard.press("Space");
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await expect(row.getByTestId("plan-status")).toHaveText("Скрыт");
  await client.reload();
  await expect(client.getByTestId("order-form")).toBeVisible();
  await expect(client.locator(`[data-testid=plan-option][data-plan-code="${code}"]`)).toHaveCount(0);
  await clientCtx.close();
});
