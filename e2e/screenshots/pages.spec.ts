// Screenshots of every page at desktop and phone widths for docs/screenshots/ (README).
// Not part of `npm test`: run `npm run build && npm run screenshots`, then look at them.
import { createUser } from "../../lib/users/create-user";
import { ADMIN, CLIENT, expect, signIn, signOut, test } from "../fixtures";
import { forEachWidth, shoot } from "./shoot";

forEachWidth((size) => {
  test("login", async ({ page }) => {
    await page.goto("/login");
    await expect(page.locator("#login")).toBeFocused();
    await shoot(page, `login-${size.name}`);
  });

  test("client dashboard, ru and en", async ({ page, db }) => {
    await signIn(page, CLIENT.email, CLIENT.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-connected", "true");
    await shoot(page, `dashboard-ru-${size.name}`);
    const user = await db.prisma.user.update({ where: { email: CLIENT.email }, data: { locale: "en" } });
    try {
      await page.reload();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("My servers");
      await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-connected", "true");
      await shoot(page, `dashboard-en-${size.name}`);
    } finally {
      await db.prisma.user.update({ where: { id: user.id }, data: { locale: "ru" } });
    }
  });

  test("empty dashboard", async ({ page, db }) => {
    const email = `empty-${size.name}@example.com`;
    if (!(await db.prisma.user.findUnique({ where: { email } })))
      await createUser(db.prisma, { email, password: "empty-user-pass", name: "Пётр Новиков" });
    await signIn(page, email, "empty-user-pass");
    await expect(page.getByTestId("vps-empty")).toBeVisible();
    await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-connected", "true");
    await shoot(page, `dashboard-empty-${size.name}`);
  });

  test("admin home", async ({ page }) => {
    await signIn(page, ADMIN.email, ADMIN.password);
    await expect(page).toHaveURL(/\/admin$/);
    await shoot(page, `admin-${size.name}`);
  });

  for (const list of ["users", "vps", "audit", "webhooks"] as const) {
    test(`admin ${list} list`, async ({ page }) => {
      await signIn(page, ADMIN.email, ADMIN.password);
      await expect(page).toHaveURL(/\/admin$/);
      await page.goto(`/admin/${list}`);
      await expect(page).toHaveURL(new RegExp(`/admin/${list}$`));
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await shoot(page, `admin-${list}-${size.name}`);
    });
  }

  test("admin orders list and an order's page", async ({ page }) => {
    await signIn(page, CLIENT.email, CLIENT.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    const { plans: list } = (await (await page.request.get("/api/plans")).json()) as { plans: { id: number }[] };
    const placed = await page.request.post("/api/orders", { data: { plan_id: list[0].id }, headers: { origin: new URL(page.url()).origin } });
    expect(placed.status()).toBe(201);
    const { order } = (await placed.json()) as { order: { id: number } };
    await page.goto("/orders");
    await page.locator(`[data-order-id="${order.id}"] [data-testid="order-cancel"]`).click();
    await expect(page.getByTestId("order-cancel-dialog")).toBeVisible();
    await shoot(page, `orders-cancel-${size.name}`);
    await page.getByTestId("order-cancel-confirm").click();
    await expect(page.locator(`[data-order-id="${order.id}"]`)).toHaveAttribute("data-status", "cancelled");
    await signOut(page);
    await signIn(page, ADMIN.email, ADMIN.password);
    await expect(page).toHaveURL(/\/admin$/);
    await page.goto("/admin/orders");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.locator(`[data-testid="order-row"][data-order-id="${order.id}"]`).first()).toBeVisible();
    await shoot(page, `admin-orders-${size.name}`);
    await page.goto(`/admin/orders/${order.id}`);
    await expect(page.getByTestId("order-history")).toBeVisible();
    await shoot(page, `admin-order-${size.name}`);
    await page.goto("/admin/orders?q=nothing-matches-this");
    await expect(page.getByTestId("list-empty")).toBeVisible();
  });

  test("tokens list", async ({ page }) => {
    await signIn(page, CLIENT.email, CLIENT.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.goto("/tokens");
    await expect(page).toHaveURL(/\/tokens$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await shoot(page, `tokens-${size.name}`);
  });
});
