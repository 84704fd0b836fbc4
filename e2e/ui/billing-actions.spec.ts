// BILLmanager's suspend as the client meets it in Chromium: the service is opened and
// suspended through the BILLmanager endpoint (as open.sh / suspend.sh call it), the VPS
// page shows the suspension live (status badge, buttons locked, the timeline naming the
// billing action), and the main site's confirmation arrives without a reload. Screenshots:
// test-results/billing/suspended-{desktop,phone}.png (copies in docs/screenshots/billing-suspended-*).
// Also: a close the main site failed, retried by an admin from the VPS page.
import { ADMIN, expect, mainSite, signIn, test, uniqueName } from "../fixtures";
import { TEST_SYNC_KEY } from "../../test/support/panel";

async function billmanager(script: string, args: string[]): Promise<Record<string, string>> {
  const body = new URLSearchParams({ script });
  for (const a of args) body.append("arg", a);
  const res = await fetch(new URL(`/api/integrations/billmanager/${script}`, process.env.E2E_BASE_URL), {
    method: "POST",
    headers: { "x-api-key": TEST_SYNC_KEY, accept: "text/plain" },
    body,
  });
  const line = (await res.text()).trim();
  expect(line, `${script}: HTTP ${res.status}`).toMatch(/^OK/);
  return Object.fromEntries([...line.matchAll(/--([a-z_]+)=(\S+)/g)].map((m) => [m[1], m[2]]));
}

test("a VPS BILLmanager suspends is locked live, and the main site's confirmation shows in the timeline", async ({ page }) => {
  const login = uniqueName("bm").replace("-", "");
  const password = "Suspend-pass-1";
  const n = String(Math.floor(Math.random() * 1e8));
  const opened = await billmanager("open", [`--user=${login}`, `--password=${password}`, `--id=${n}`, "--cpu=2", "--ram=2048", "--disk=40", "--os=Debian 12", "--domain=shop-billing"]);
  await mainSite("/api/vps/sync", { action: "update", vps: { id: Number(opened.id), status: "running" } });

  await signIn(page, login, password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto(`/vps/${opened.id}`);
  const badge = page.getByTestId("vps-detail").getByTestId("vps-status").first();
  await expect(badge).toHaveText("Работает");
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-connected", "true");

  const suspended = await billmanager("suspend", [`--id=${opened.id}`]);
  expect(suspended.request_status).toBe("pending");
  await expect(badge).toHaveText("Приостановлен");
  await expect(page.getByTestId("action-start")).toBeDisabled();
  // The event log is on the Activity tab (the status badge and power buttons stay above the tabs).
  await page.getByTestId("vps-tab-activity").click();
  await expect(page.getByTestId("activity").getByText("Биллинг приостанавливает сервер")).toBeVisible();

  await mainSite(`/api/vps/actions/${suspended.request_id}`, { status: "completed", result: { status: "suspended" } });
  await expect(page.getByTestId("activity").getByText("Сервер приостановлен биллингом")).toBeVisible();
  await page.screenshot({ path: "test-results/billing/suspended-desktop.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/billing/suspended-phone.png", fullPage: true });
});

test("a close the main site failed leaves the VPS deleting; an admin sees why and retries it from the VPS page, the client cannot", async ({ page, browser, db }) => {
  const login = uniqueName("bmc").replace("-", "");
  const password = "Close-pass-1";
  const n = String(Math.floor(Math.random() * 1e8));
  const opened = await billmanager("open", [`--user=${login}`, `--password=${password}`, `--id=${n}`, "--cpu=1", "--ram=1024", "--disk=20", "--os=Debian 12", "--domain=shop-close"]);
  const vpsId = Number(opened.id);
  await mainSite("/api/vps/sync", { action: "update", vps: { id: vpsId, status: "running" } });
  const closed = await billmanager("close", [`--id=${vpsId}`]);
  expect(closed.request_status).toBe("pending");
  await mainSite(`/api/vps/actions/${closed.request_id}`, { status: "failed", message: "The hypervisor node is unreachable" });
  expect((await db.prisma.vps.findUniqueOrThrow({ where: { id: vpsId } })).status).toBe("deleting");

  // The client: no alert, no retry of the billing action in the timeline.
  const client = await browser.newContext({ locale: "ru-RU", timezoneId: "Europe/Moscow" });
  const clientPage = await client.newPage();
  await signIn(clientPage, login, password);
  await expect(clientPage).toHaveURL(/\/dashboard$/);
  await clientPage.goto(`/vps/${vpsId}?tab=activity`);
  const clientEntry = clientPage.locator(`[data-testid=request][data-request-id="${closed.request_id}"]`);
  await expect(clientEntry).toHaveAttribute("data-status", "failed");
  await expect(clientEntry.getByTestId("request-retry")).toHaveCount(0);
  await expect(clientPage.getByTestId("terminate-failed")).toHaveCount(0);
  await client.close();

  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto(`/vps/${vpsId}`);
  const alert = page.getByTestId("terminate-failed");
  await expect(alert).toContainText("Основной сайт не удалил сервер: The hypervisor node is unreachable.");
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-connected", "true");
  await page.screenshot({ path: "test-results/billing/terminate-failed-desktop.png", fullPage: true });
  await page.getByTestId("terminate-retry").click();
  const dialog = page.getByTestId("terminate-dialog");
  await expect(dialog).toContainText("снова получит запрос на удаление сервера");
  await page.screenshot({ path: "test-results/billing/terminate-retry-dialog-desktop.png", fullPage: true });
  await dialog.getByTestId("terminate-dialog-confirm").click();
  await expect(dialog).toBeHidden();
  await expect(alert).toBeHidden();
  await expect(page.getByTestId("pending-action")).toHaveAttribute("data-action", "terminate");
  const again = await db.prisma.vpsActionRequest.findFirstOrThrow({ where: { vpsId, action: "terminate", id: { gt: Number(closed.request_id) } } });
  expect(again.status).toBe("pending");
  // The timeline offers the same retry to an admin (and holds it while the new one is open).
  await page.getByTestId("vps-tab-activity").click();
  await expect(page.locator(`[data-testid=request][data-request-id="${closed.request_id}"]`).getByTestId("request-retry")).toBeDisabled();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/billing/terminate-retried-phone.png", fullPage: true });

  // This time the main site deletes it: the page says so live.
  await mainSite(`/api/vps/actions/${again.id}`, { status: "completed" });
  await expect(page.getByTestId("vps-detail").getByText("Этот сервер удалён.")).toBeVisible();
  expect((await db.prisma.vps.findUniqueOrThrow({ where: { id: vpsId } })).deletedAt).not.toBeNull();
});
