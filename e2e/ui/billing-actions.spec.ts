// BILLmanager's suspend as the client meets it in Chromium: the service is opened and
// suspended through the BILLmanager endpoint (as open.sh / suspend.sh call it), the VPS
// page shows the suspension live (status badge, buttons locked, the timeline naming the
// billing action), and the main site's confirmation arrives without a reload. Screenshots:
// test-results/billing/suspended-{desktop,phone}.png (copies in docs/screenshots/billing-suspended-*).
import { expect, mainSite, signIn, test, uniqueName } from "../fixtures";
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
