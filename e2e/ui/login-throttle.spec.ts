// The login form when the throttle refuses: after 5 wrong passwords for one account the
// next attempt — even with the right password — says how long to wait (lib/auth/throttle.ts).
import { TEST_SYNC_KEY } from "../../test/support/panel";
import { expect, signIn, test } from "../fixtures";

test("after 5 wrong passwords the form says to wait 15 minutes, even for the right password", async ({ page }) => {
  test.setTimeout(120_000); // six bcrypt checks and page loads on a shared machine
  const email = `throttled-${Date.now()}@example.com`;
  const created = await page.request.post("/api/users/sync", {
    headers: { "x-api-key": TEST_SYNC_KEY },
    data: { email, password: "the-right-password" },
  });
  expect(created.ok()).toBe(true);

  const alert = page.getByRole("alert").filter({ hasText: /\S/ });
  for (let i = 0; i < 5; i++) {
    await signIn(page, email, `wrong-${i}`);
    await expect(alert).toHaveText("Неверный логин или пароль");
  }
  await signIn(page, email, "the-right-password");
  await expect(alert).toHaveText("Слишком много попыток. Попробуйте через 15 минут.");
  await expect(page).toHaveURL(/\/login$/);
});
