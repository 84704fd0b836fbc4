// The VPS page's tabs and self-service as a client meets them in Chromium: keyboard tabs
// addressable by URL; a reinstall with an SSH key (OS from the list, typed confirmation)
// whose progress bar the main site moves 10 → 40 → 80 → done while the page stays the same
// document, then the new root password revealed once; a password reset that fails, shows
// its reason and is retried; a pending request cancelled; a suspended VPS saying why its
// buttons are off. The test plays the main site through its machine API (sync and
// POST /api/vps/actions/{id}). Screenshots of every state, desktop and phone
// (VPS_PAGE_SHOTS=<dir> keeps them; otherwise the test's output directory).
import { expect, mainSite, newClient, newVps, signIn, syncVps, test, type TestUser } from "../fixtures";
import type { Page, TestInfo } from "@playwright/test";
import { generateKeyPairSync } from "node:crypto";

const PHONE = { width: 390, height: 844 };
const NARROW_PHONE = { width: 375, height: 740 };
const DESKTOP = { width: 1280, height: 900 };

async function shoot(page: Page, info: TestInfo, name: string) {
  const dir = process.env.VPS_PAGE_SHOTS;
  await page.screenshot({ path: dir ? `${dir}/${name}.png` : info.outputPath(`${name}.png`), fullPage: true });
}

async function signInAs(page: Page, user: TestUser) {
  await signIn(page, user.email, user.password);
  await expect(page).toHaveURL(/\/dashboard$/);
}

/** Any navigation or reload from here on would drop the marker. */
async function markDocument(page: Page) {
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
  return async () => expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
}

const report = (requestId: number, body: unknown) => mainSite(`/api/vps/actions/${requestId}`, body);

/** An SSH key added the way the client adds one (POST /api/ssh-keys in the browser's session). */
async function addSshKey(page: Page, name: string) {
  // A fresh ed25519 key in OpenSSH's format: string "ssh-ed25519", string <32-byte key>.
  const raw = Buffer.from(generateKeyPairSync("ed25519").publicKey.export({ format: "jwk" }).x!, "base64url");
  const str = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, b.length]), b]);
  const publicKey = `ssh-ed25519 ${Buffer.concat([str(Buffer.from("ssh-ed25519")), str(raw)]).toString("base64")} laptop`;
  const status = await page.evaluate(
    async ([n, k]) => (await fetch("/api/ssh-keys", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: n, public_key: k }) })).status,
    [name, publicKey] as const,
  );
  expect([201, 409]).toContain(status);
}

test("tabs are keyboard-usable and live in the URL", async ({ page }, info) => {
  const user = await newClient();
  const vps = await newVps(user.id, { name: "tabs-01", status: "running", ip_address: "203.0.113.40" });
  await signInAs(page, user);
  await page.setViewportSize(DESKTOP);
  await page.goto(`/vps/${vps.id}`);
  const overview = page.getByTestId("vps-tab-overview");
  await expect(overview).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("vps-panel-overview")).toBeVisible();
  await expect(page.getByTestId("vps-panel-access")).toBeHidden();
  await shoot(page, info, "vps-overview-desktop");

  await overview.focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("vps-tab-access")).toBeFocused();
  await expect(page.getByTestId("vps-tab-access")).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("vps-panel-access")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/vps/${vps.id}\\?tab=access$`));
  await page.keyboard.press("End");
  await expect(page.getByTestId("vps-tab-activity")).toBeFocused();
  await expect(page).toHaveURL(/\?tab=activity$/);
  await expect(page.getByTestId("requests-empty")).toBeVisible();
  await page.keyboard.press("ArrowRight"); // wraps round
  await expect(page.getByTestId("vps-tab-overview")).toBeFocused();
  await expect(page).toHaveURL(new RegExp(`/vps/${vps.id}$`));
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByTestId("vps-tab-snapshots")).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("snapshots-section")).toBeVisible();
  await shoot(page, info, "vps-snapshots-desktop");
  // Tab moves from the tab list into the panel, not through the other tabs.
  await page.keyboard.press("Tab");
  await expect(page.getByTestId("vps-panel-snapshots")).toBeFocused();

  // A link or a reload opens the tab it names; a bogus one falls back to the overview.
  await page.goto(`/vps/${vps.id}?tab=network`);
  await expect(page.getByTestId("vps-tab-network")).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("network-section").getByTestId("address-ip").first()).toHaveText("203.0.113.40");
  await shoot(page, info, "vps-network-desktop");
  await page.goto(`/vps/${vps.id}?tab=nope`);
  await expect(page.getByTestId("vps-tab-overview")).toHaveAttribute("aria-selected", "true");

  await page.setViewportSize(PHONE);
  await page.goto(`/vps/${vps.id}?tab=access`);
  await expect(page.getByTestId("action-reinstall")).toBeVisible();
  await shoot(page, info, "vps-access-phone");
  // The tab list scrolls sideways on a phone; the page itself never does.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await page.getByTestId("vps-tab-activity").click();
  await expect(page.getByTestId("vps-panel-activity")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});

test("phone (375 px): every tab is reachable by keyboard and in view, the strip shows there is more, the page never scrolls sideways", async ({ page, db }, info) => {
  const user = await newClient();
  const vps = await newVps(user.id, { name: "tabs-phone-01", status: "running", ip_address: "203.0.113.42" });
  await signInAs(page, user);
  for (const locale of ["ru", "en"] as const) {
    await db.prisma.user.update({ where: { id: user.id }, data: { locale } });
    await page.setViewportSize(NARROW_PHONE);
    await page.goto(`/vps/${vps.id}`);
    const list = page.getByTestId("vps-tabs");
    const noSideScroll = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    /** The tab lies wholly inside the strip's visible part and inside the viewport. */
    const inView = async (id: string) => {
      const [tab, strip] = [await page.getByTestId(`vps-tab-${id}`).boundingBox(), await list.boundingBox()];
      expect(tab && strip).toBeTruthy();
      expect(tab!.x).toBeGreaterThanOrEqual(Math.max(0, strip!.x) - 0.5);
      expect(tab!.x + tab!.width).toBeLessThanOrEqual(Math.min(NARROW_PHONE.width, strip!.x + strip!.width) + 0.5);
    };
    await noSideScroll();
    await shoot(page, info, `vps-tabs-phone-375-${locale}`);
    // Whatever does not fit is announced by a visible edge on that side.
    const overflows = await list.evaluate((l) => l.scrollWidth > l.clientWidth + 1);
    if (overflows) await expect(page.getByTestId("vps-tabs-more-end")).toBeVisible();
    await expect(page.getByTestId("vps-tabs-more-start")).toHaveCount(0);

    await page.getByTestId("vps-tab-overview").focus();
    for (const id of ["access", "network", "snapshots", "activity"]) {
      await page.keyboard.press("ArrowRight");
      const tab = page.getByTestId(`vps-tab-${id}`);
      await expect(tab).toBeFocused();
      await expect(tab).toHaveAttribute("aria-selected", "true");
      await expect(page.getByTestId(`vps-panel-${id}`)).toBeVisible();
      await expect.poll(async () => { try { await inView(id); return true; } catch { return false; } }).toBe(true);
      await noSideScroll();
    }
    if (overflows) {
      await expect(page.getByTestId("vps-tabs-more-start")).toBeVisible();
      await expect(page.getByTestId("vps-tabs-more-end")).toHaveCount(0);
    }
    await shoot(page, info, `vps-tabs-phone-375-activity-${locale}`);
    await page.keyboard.press("Home");
    await expect(page.getByTestId("vps-tab-overview")).toBeFocused();
    await expect.poll(async () => { try { await inView("overview"); return true; } catch { return false; } }).toBe(true);

    // A link to the last tab opens with that tab scrolled into view.
    await page.goto(`/vps/${vps.id}?tab=activity`);
    await expect(page.getByTestId("vps-tab-activity")).toHaveAttribute("aria-selected", "true");
    await expect.poll(async () => { try { await inView("activity"); return true; } catch { return false; } }).toBe(true);
    await noSideScroll();
  }
});

test("a client reinstalls with an SSH key, watches the progress reach done without a reload, and reveals the new password once", async ({ page, db }, info) => {
  const user = await newClient();
  const vps = await newVps(user.id, { name: "reinst-01", status: "running", os: "Debian 12", ip_address: "203.0.113.41" });
  await signInAs(page, user);
  await page.setViewportSize(DESKTOP);
  await page.goto(`/vps/${vps.id}?tab=access`);
  await addSshKey(page, "laptop");
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-connected", "true");
  const sameDocument = await markDocument(page);

  await page.getByTestId("action-reinstall").click();
  const dialog = page.getByTestId("reinstall-dialog");
  await expect(dialog).toContainText("Все данные на диске сервера «reinst-01» будут удалены");
  const os = dialog.getByTestId("reinstall-os");
  const options = await os.locator("option").allTextContents();
  expect(options).toContain("Debian 12");
  expect(options.length).toBeGreaterThan(1);
  const target = options.find((o) => o !== "Debian 12")!;
  await os.selectOption(target);
  await dialog.getByTestId("reinstall-key").first().check();
  const submit = dialog.getByTestId("reinstall-submit");
  await expect(submit).toBeDisabled();
  await dialog.getByTestId("reinstall-confirm").fill("reinst-0");
  await expect(submit).toBeDisabled();
  await shoot(page, info, "vps-reinstall-dialog-desktop");
  await dialog.getByTestId("reinstall-confirm").fill("reinst-01");
  await expect(submit).toBeEnabled();
  await submit.click();
  await expect(dialog).toBeHidden();

  // The request is in flight: the banner above the tabs, the buttons locked with the reason.
  const banner = page.getByTestId("pending-action");
  await expect(banner).toHaveAttribute("data-action", "reinstall");
  await expect(page.getByTestId("action-reset-password")).toBeDisabled();
  await expect(page.getByTestId("action-unavailable").first()).toContainText("Дождитесь окончания запроса «Переустановка ОС»");
  await expect(page.getByTestId("action-reboot")).toBeDisabled();
  const request = await db.prisma.vpsActionRequest.findFirstOrThrow({ where: { vpsId: vps.id, action: "reinstall" } });
  const params = request.params as { os: string; ssh_key_ids?: number[]; ssh_keys?: { fingerprint: string }[] };
  expect(params.os).toBe(target);
  expect(params.ssh_key_ids?.length).toBe(1);
  await shoot(page, info, "vps-reinstall-pending-desktop");

  await page.getByTestId("vps-tab-activity").click();
  const entry = page.locator(`[data-testid=request][data-request-id="${request.id}"]`);
  await expect(entry).toHaveAttribute("data-status", "pending");
  await expect(entry.getByTestId("request-cancel")).toBeVisible();
  const bar = entry.getByTestId("request-progress");
  for (const [progress, message] of [[10, "Stopping the server"], [40, `Writing the ${target} image`], [80, "Booting the new system"]] as const) {
    await report(request.id, { status: "in_progress", progress, message });
    await expect(bar).toHaveAttribute("aria-valuenow", String(progress));
    await expect(entry).toContainText(message);
    await expect(banner).toContainText(new RegExp(`${progress}\\s?%`));
    if (progress === 40) await shoot(page, info, "vps-reinstall-progress-desktop");
  }
  await expect(entry).toHaveAttribute("data-status", "in_progress");
  await expect(entry.getByTestId("request-cancel")).toHaveCount(0); // the main site has started

  await report(request.id, { status: "completed", result: { root_password: "Fresh-R00t-pass-41", os: target } });
  await expect(entry).toHaveAttribute("data-status", "completed");
  await expect(entry.getByTestId("request-status")).toHaveText("Готово");
  await expect(banner).toBeHidden();
  await expect(page.getByTestId("tab-in-flight")).toHaveCount(0);
  await expect(page.getByTestId("action-reboot")).toBeEnabled();
  await page.getByTestId("vps-tab-overview").click();
  await expect(page.getByTestId("vps-os")).toHaveText(target); // the OS arrived live
  await page.getByTestId("vps-tab-activity").click();
  await shoot(page, info, "vps-reinstall-done-desktop");

  await entry.getByTestId("request-reveal").click();
  const reveal = page.getByTestId("reveal-dialog");
  await expect(reveal.getByTestId("reveal-password")).toHaveText("Fresh-R00t-pass-41");
  await expect(reveal).toContainText("Пароль показывается один раз");
  await shoot(page, info, "vps-reveal-desktop");
  await reveal.getByTestId("reveal-close").click();
  await expect(reveal).toBeHidden();
  await expect(entry.getByTestId("request-reveal")).toHaveCount(0);
  await expect(entry.getByTestId("request-revealed")).toBeVisible();
  await sameDocument();

  // Once means once: the server has forgotten it (a reload offers no reveal), and the
  // stored root password on the Access tab is the new one.
  expect((await db.prisma.vpsActionRequest.findUniqueOrThrow({ where: { id: request.id } })).resultSecret).toBeNull();
  await page.reload();
  await expect(page.locator(`[data-testid=request][data-request-id="${request.id}"]`).getByTestId("request-revealed")).toBeVisible();
  await page.getByTestId("vps-tab-access").click();
  await page.getByTestId("root-password-reveal").click();
  await expect(page.getByTestId("root-password-value")).toHaveText("Fresh-R00t-pass-41");

  await page.setViewportSize(PHONE);
  await page.getByTestId("vps-tab-activity").click();
  await shoot(page, info, "vps-activity-phone");
});

test("a failed password reset shows its reason and is retried; a pending request can be cancelled", async ({ page, db }, info) => {
  const user = await newClient();
  const vps = await newVps(user.id, { name: "reset-01", status: "running" });
  await signInAs(page, user);
  await page.setViewportSize(DESKTOP);
  await page.goto(`/vps/${vps.id}?tab=access`);
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-connected", "true");
  const sameDocument = await markDocument(page);

  await page.getByTestId("action-reset-password").click();
  await expect(page.getByTestId("reset-dialog")).toContainText("старый перестанет работать");
  await page.getByTestId("reset-submit").click();
  await expect(page.getByTestId("pending-action")).toHaveAttribute("data-action", "reset_password");
  const first = await db.prisma.vpsActionRequest.findFirstOrThrow({ where: { vpsId: vps.id, action: "reset_password" } });
  await report(first.id, { status: "failed", message: "The guest agent did not answer" });

  await page.getByTestId("vps-tab-activity").click();
  const failed = page.locator(`[data-testid=request][data-request-id="${first.id}"]`);
  await expect(failed).toHaveAttribute("data-status", "failed");
  await expect(failed.getByTestId("request-reason")).toHaveText("Причина: The guest agent did not answer");
  await expect(page.getByTestId("pending-action")).toBeHidden();
  await shoot(page, info, "vps-failed-desktop");
  await page.setViewportSize(PHONE);
  await shoot(page, info, "vps-failed-phone");
  await page.setViewportSize(DESKTOP);

  await failed.getByTestId("request-retry").click();
  const entries = page.getByTestId("request");
  await expect(entries).toHaveCount(2);
  const retry = entries.first();
  await expect(retry).toHaveAttribute("data-action", "reset_password");
  await expect(retry).toHaveAttribute("data-status", "pending");
  // While it is pending, the failed one's retry is off (one request at a time).
  await expect(failed.getByTestId("request-retry")).toBeDisabled();
  await retry.getByTestId("request-cancel").click();
  await expect(retry).toHaveAttribute("data-status", "cancelled");
  await expect(retry).toContainText("Запрос отменён до начала работы.");
  await expect(failed.getByTestId("request-retry")).toBeEnabled();
  const rows = await db.prisma.vpsActionRequest.findMany({ where: { vpsId: vps.id }, orderBy: { id: "asc" } });
  expect(rows.map((r) => r.status)).toEqual(["failed", "cancelled"]);
  await sameDocument();
});

test("retrying a failed reinstall asks again with the same OS and SSH keys; a key deleted since is left out and named", async ({ page, db }, info) => {
  const user = await newClient();
  const vps = await newVps(user.id, { name: "reinst-retry", status: "running", os: "Debian 12" });
  await signInAs(page, user);
  await page.setViewportSize(DESKTOP);
  await page.goto(`/vps/${vps.id}?tab=access`);
  await addSshKey(page, "laptop");
  await addSshKey(page, "ci-runner");
  const keys = await db.prisma.sshKey.findMany({ where: { userId: user.id }, orderBy: { id: "asc" } });
  const [laptop, ci] = [keys.find((k) => k.name === "laptop")!, keys.find((k) => k.name === "ci-runner")!];

  await page.getByTestId("action-reinstall").click();
  const dialog = page.getByTestId("reinstall-dialog");
  const os = dialog.getByTestId("reinstall-os");
  const target = (await os.locator("option").allTextContents()).find((o) => o !== "Debian 12")!;
  await os.selectOption(target);
  await expect(dialog.getByTestId("reinstall-key")).toHaveCount(2);
  for (const box of await dialog.getByTestId("reinstall-key").all()) await box.check();
  await dialog.getByTestId("reinstall-confirm").fill("reinst-retry");
  await dialog.getByTestId("reinstall-submit").click();
  await expect(dialog).toBeHidden();
  const first = await db.prisma.vpsActionRequest.findFirstOrThrow({ where: { vpsId: vps.id, action: "reinstall" } });
  expect((first.params as { ssh_key_ids: number[] }).ssh_key_ids.sort()).toEqual([laptop.id, ci.id].sort());
  await report(first.id, { status: "failed", message: "The image store is offline" });

  // The laptop key is deleted before the retry.
  const deleted = await page.evaluate(async (id) => (await fetch(`/api/ssh-keys/${id}`, { method: "DELETE" })).status, laptop.id);
  expect(deleted).toBe(200);

  await page.getByTestId("vps-tab-activity").click();
  const failed = page.locator(`[data-testid=request][data-request-id="${first.id}"]`);
  await expect(failed).toHaveAttribute("data-status", "failed");
  await failed.getByTestId("request-retry").click();
  await expect(dialog).toBeVisible();
  await expect(os).toHaveValue(target);
  const boxes = dialog.getByTestId("reinstall-key");
  await expect(boxes).toHaveCount(1);
  await expect(boxes.first()).toBeChecked();
  await expect(dialog.getByTestId("reinstall-keys")).toContainText("ci-runner");
  await expect(dialog.getByTestId("reinstall-keys-dropped")).toHaveText("Ключ «laptop» удалён после прошлого запроса и не будет добавлен.");
  await shoot(page, info, "vps-reinstall-retry-desktop");
  await page.setViewportSize(PHONE);
  await shoot(page, info, "vps-reinstall-retry-phone");
  await dialog.getByTestId("reinstall-confirm").fill("reinst-retry");
  await dialog.getByTestId("reinstall-submit").click();
  await expect(dialog).toBeHidden();
  const again = await db.prisma.vpsActionRequest.findFirstOrThrow({ where: { vpsId: vps.id, action: "reinstall", id: { gt: first.id } } });
  const params = again.params as { os: string; ssh_key_ids: number[]; ssh_keys: { name: string }[] };
  expect(params.os).toBe(target);
  expect(params.ssh_key_ids).toEqual([ci.id]);
  expect(params.ssh_keys.map((k) => k.name)).toEqual(["ci-runner"]);
});

test("a suspended VPS says why reinstall and reset are off, and they come back live", async ({ page }, info) => {
  const user = await newClient();
  const vps = await newVps(user.id, { name: "susp-01", status: "running" });
  await syncVps(vps.id, { status: "suspended" });
  await signInAs(page, user);
  await page.setViewportSize(DESKTOP);
  await page.goto(`/vps/${vps.id}?tab=access`);
  await expect(page.getByTestId("action-reinstall")).toBeDisabled();
  await expect(page.getByTestId("action-reset-password")).toBeDisabled();
  const reasons = page.getByTestId("action-unavailable");
  await expect(reasons).toHaveCount(2);
  await expect(reasons.first()).toHaveAttribute("data-reason", "suspended");
  await expect(reasons.first()).toContainText("Сервер приостановлен биллингом");
  await shoot(page, info, "vps-suspended-desktop");

  // Live: the billing system resumes it, the buttons come back without a reload.
  await syncVps(vps.id, { status: "stopped" });
  await expect(page.getByTestId("action-reset-password")).toBeEnabled();
  await expect(page.getByTestId("action-reinstall")).toBeEnabled();
  await syncVps(vps.id, { status: "creating" });
  await expect(page.getByTestId("action-unavailable").first()).toHaveAttribute("data-reason", "status");
  await expect(page.getByTestId("action-unavailable").first()).toContainText("Недоступно, пока сервер в состоянии");
});
