// Screenshots of the plan catalogue (admin) and the order page (client, with orders in
// every state) at desktop and phone widths, for docs/screenshots/. Not part of `npm test`.
import { createUser } from "../../lib/users/create-user";
import { createOrder } from "../../lib/orders/create-order";
import { failOrder } from "../../lib/orders/fail-order";
import { createVps } from "../../lib/vps/create-vps";
import { ADMIN, expect, signIn, test } from "../fixtures";
import { forEachWidth, shoot } from "./shoot";

forEachWidth((size) => {
  test("admin plans", async ({ page }) => {
    await signIn(page, ADMIN.email, ADMIN.password);
    await expect(page).toHaveURL(/\/admin$/);
    await page.goto("/admin/plans");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Тарифы");
    await shoot(page, `plans-${size.name}`);
    await page.getByTestId("plan-new").click();
    await page.getByTestId("plan-save").click();
    await shoot(page, `plans-form-${size.name}`);
  });

  test("client orders", async ({ page, db }) => {
    const email = `orders-${size.name}-${Date.now()}@example.com`;
    const user = await createUser(db.prisma, { email, password: "orders-user-pass", name: "Ольга Заказова" });
    const actor = { userId: user.id, role: "client" as const };
    const plans = await db.prisma.plan.findMany({ where: { isActive: true }, orderBy: { cpu: "asc" } });
    const done = await createOrder(db.prisma, actor, { planId: plans[0].id });
    const v = await createVps(db.prisma, { userId: user.id, name: `vps-start-${done.id}`, cpu: 1, ramMb: 1024, diskGb: 20, os: done.os, orderId: done.id, status: "running", ipAddress: "198.51.100.21", rootPasswordEnc: "x" });
    void v;
    const failed = await createOrder(db.prisma, actor, { planId: plans[2].id });
    await failOrder(db.prisma, failed.id, "Нет свободных ресурсов в локации");
    const building = await createOrder(db.prisma, actor, { planId: plans[1].id, os: "Debian 12" });
    await createVps(db.prisma, { userId: user.id, name: `vps-pro-${building.id}`, cpu: 2, ramMb: 4096, diskGb: 60, os: "Debian 12", orderId: building.id });
    await createOrder(db.prisma, actor, { planId: plans[1].id });
    await signIn(page, email, "orders-user-pass");
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.goto("/orders");
    await expect(page.getByTestId("order-item")).toHaveCount(4);
    await shoot(page, `orders-${size.name}`);
  });
});
