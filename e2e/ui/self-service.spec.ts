// Self-service in the browser (PRODUCT.md §9), with the reference main site (its own
// process) doing the work: a client creates a snapshot and restores it, watching progress
// and the list change live, without a reload; sets a PTR; sees the nightly backups arrive;
// manages SSH keys. Screenshots of each state (desktop and phone) go to
// test-results/self-service/ (docs/screenshots keeps a selection).
import { SessionClient } from "../../test/support/http";
import { startMainSite, type MainSite } from "../../test/support/main-site";
import { TEST_SYNC_KEY } from "../../test/support/panel";
import { ED25519, RSA_1024 } from "../../test/fixtures/ssh-keys";
import { ADMIN, expect, mainSite as mainSiteCall, newClient, newVps, signIn, syncVps, test, uniqueName } from "../fixtures";
import type { Page } from "@playwright/test";

const SECRET = "e2e-self-service-webhook-secret-0123456789";
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

let mainSite: MainSite;
let admin: SessionClient;
let webhookId: number;

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/self-service/${name}.png`, fullPage: true });
const sameDocument = (page: Page) => page.evaluate(() => (window as unknown as { __same?: boolean }).__same === true);
const markDocument = (page: Page) => page.evaluate(() => Object.assign(window, { __same: true }));

test.beforeAll(async () => {
  const panelUrl = process.env.E2E_BASE_URL!;
  mainSite = await startMainSite({ panelUrl, syncKey: TEST_SYNC_KEY, webhookSecret: SECRET, storageStepMs: 700 });
  admin = new SessionClient(panelUrl);
  if (!(await admin.signIn(ADMIN.email, ADMIN.password))) throw new Error("admin sign-in failed");
  const res = await admin.fetch("/api/webhooks", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "Main site (self-service e2e)", url: mainSite.webhookUrl, event_type: ["vps.created", "vps.action_requested"], secret: SECRET }),
  });
  if (res.status !== 201) throw new Error(`POST /api/webhooks: ${res.status} ${(await res.text()).slice(0, 200)}`);
  webhookId = (await res.json()).id;
});

test.afterAll(async () => {
  await admin?.fetch(`/api/webhooks/${webhookId}`, { method: "DELETE" });
  await mainSite?.stop();
});

test("a snapshot is created and restored live, without a reload; backups arrive; a PTR is set", async ({ page, db }) => {
  const user = await newClient();
  const vps = await newVps(user.id, { name: uniqueName("snap"), status: "running", ip_address: "203.0.113.150" });
  await page.setViewportSize(DESKTOP);
  await signIn(page, user.email, user.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  // Snapshots and backups share a tab of the VPS page; the addresses are on the network tab.
  await page.goto(`/vps/${vps.id}?tab=snapshots`);
  await markDocument(page);
  const snapshots = page.getByTestId("snapshots-section");
  await expect(snapshots.getByTestId("snapshots-empty")).toBeVisible();
  await expect(snapshots.getByTestId("snapshots-usage")).toHaveText("0 из 3");
  // The main site pushes the nightly backups it has for a VPS it has just seen.
  await expect(page.getByTestId("backups-section").getByTestId("backup-row")).toHaveCount(2, { timeout: 20_000 });
  await shot(page, "vps-sections-empty-desktop");

  // Create: the dialog, then the request's progress, then the new row — all live.
  await snapshots.getByTestId("snapshot-create").click();
  const dialog = page.getByTestId("snapshot-create-dialog");
  await dialog.getByTestId("snapshot-name-input").fill("перед обновлением");
  await dialog.getByTestId("snapshot-create-submit").click();
  await expect(dialog).toBeHidden();
  const progress = snapshots.getByTestId("section-progress");
  await expect(progress).toBeVisible();
  await expect(progress.getByRole("progressbar")).toHaveAttribute("aria-valuenow", /^(10|45|80)$/, { timeout: 10_000 });
  await shot(page, "snapshot-progress-desktop");
  // Another action meanwhile is disabled, with the reason.
  await expect(page.getByTestId("backups-section").getByTestId("backup-restore").first()).toBeDisabled();
  await expect(snapshots.getByTestId("snapshot-row")).toHaveCount(1, { timeout: 20_000 });
  await expect(snapshots.getByTestId("snapshot-name")).toHaveText("перед обновлением");
  await expect(progress).toBeHidden();
  await expect(snapshots.getByTestId("snapshots-usage")).toHaveText("1 из 3");

  // Restore, behind a confirmation that names the VPS and the snapshot.
  await snapshots.getByTestId("snapshot-restore").click();
  const confirm = page.getByTestId("snapshot-restore-dialog");
  await expect(confirm).toContainText(vps.name);
  await expect(confirm).toContainText("перед обновлением");
  await shot(page, "snapshot-restore-confirm-desktop");
  await confirm.getByTestId("snapshot-restore-dialog-confirm").click();
  await expect(confirm).toBeHidden();
  await expect(snapshots.getByTestId("section-progress")).toHaveAttribute("data-action", "snapshot_restore");
  await expect(snapshots.getByTestId("section-progress")).toBeHidden({ timeout: 20_000 });
  const restored = await db.prisma.vpsActionRequest.findFirst({ where: { vpsId: vps.id, action: "snapshot_restore" } });
  expect(restored?.status).toBe("completed");
  expect(restored?.message).toBe("Restored to перед обновлением");

  // Reverse DNS: a bad name is refused in the form; a good one goes through the main site.
  await page.getByTestId("vps-tab-network").click();
  const network = page.getByTestId("network-section");
  await expect(network.getByTestId("address-ptr")).toHaveText("не задана");
  await network.getByTestId("rdns-edit").click();
  const rdns = page.getByTestId("rdns-dialog");
  await rdns.getByTestId("rdns-hostname").fill("bad_name");
  await expect(rdns.getByTestId("rdns-hint")).toHaveText(/Нужно полное доменное имя/);
  await expect(rdns.getByTestId("rdns-save")).toBeDisabled();
  await rdns.getByTestId("rdns-hostname").fill("mail.example.com");
  await rdns.getByTestId("rdns-save").click();
  await expect(network.getByTestId("address-ptr")).toHaveText("mail.example.com", { timeout: 20_000 });
  await shot(page, "vps-sections-done-desktop");

  await page.setViewportSize(PHONE);
  await shot(page, "vps-sections-phone");
  expect(await sameDocument(page)).toBe(true);
});

test("over the limit and while suspended, create is disabled with the reason", async ({ page }) => {
  const user = await newClient();
  const vps = await newVps(user.id, { name: uniqueName("full"), status: "running", ip_address: "203.0.113.151" });
  const now = new Date().toISOString();
  await mainSiteCall("/api/vps/sync", { action: "update", vps: { id: vps.id, snapshots: [1, 2, 3].map((n) => ({ id: `s${n}`, name: `snap-${n}`, created_at: now, size_gb: 3 })) } });
  await page.setViewportSize(DESKTOP);
  await signIn(page, user.email, user.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto(`/vps/${vps.id}?tab=snapshots`);
  const snapshots = page.getByTestId("snapshots-section");
  await expect(snapshots.getByTestId("snapshot-row")).toHaveCount(3);
  await expect(snapshots.getByTestId("snapshot-create")).toBeDisabled();
  await expect(snapshots.getByTestId("snapshot-create-why")).toHaveText(/Достигнут лимит тарифа \(3\)/);
  // Suspension arrives live and disables everything with its own reason.
  await syncVps(vps.id, { status: "suspended" });
  await expect(snapshots.getByTestId("snapshot-create-why")).toHaveText(/приостановлен/);
  await expect(snapshots.getByTestId("snapshot-restore").first()).toBeDisabled();
  await shot(page, "snapshots-suspended-desktop");
  // Delete asks first; cancelling changes nothing.
  await syncVps(vps.id, { status: "running" });
  await expect(snapshots.getByTestId("snapshot-delete").first()).toBeEnabled();
  await snapshots.getByTestId("snapshot-delete").first().click();
  await expect(page.getByTestId("snapshot-delete-dialog")).toContainText("snap-1");
  await page.getByTestId("snapshot-delete-dialog").getByRole("button", { name: "Отмена" }).click();
  await expect(snapshots.getByTestId("snapshot-row")).toHaveCount(3);
});

test("SSH keys: empty state, add with its fingerprint, a bad key refused, delete behind a dialog", async ({ page }) => {
  const user = await newClient();
  await page.setViewportSize(DESKTOP);
  await signIn(page, user.email, user.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole("link", { name: "SSH-ключи" }).click();
  await expect(page).toHaveURL(/\/ssh-keys$/);
  await expect(page.getByTestId("ssh-keys-empty")).toBeVisible();
  await shot(page, "ssh-keys-empty-desktop");

  await page.getByTestId("ssh-key-public").fill(RSA_1024.line);
  await page.getByTestId("ssh-key-name").fill("старый");
  await page.getByTestId("ssh-key-add").click();
  await expect(page.getByTestId("ssh-key-error")).toContainText(/Ключ не принят.*2048/);
  await shot(page, "ssh-keys-error-desktop");

  // The name comes from the key's comment when left empty.
  await page.getByTestId("ssh-key-name").fill("");
  await page.getByTestId("ssh-key-public").fill(ED25519.line);
  await page.getByTestId("ssh-key-add").click();
  await expect(page.getByTestId("ssh-key-added")).toContainText("me@laptop");
  const row = page.getByTestId("ssh-key-row");
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("ssh-key-fingerprint")).toHaveText(ED25519.fingerprint);
  await expect(row).toContainText("ssh-ed25519, 256 бит");
  await shot(page, "ssh-keys-desktop");
  await page.setViewportSize(PHONE);
  await shot(page, "ssh-keys-phone");
  await page.setViewportSize(DESKTOP);

  await row.getByTestId("ssh-key-delete").click();
  const dialog = page.getByTestId("ssh-key-delete-dialog");
  await expect(dialog).toContainText(ED25519.fingerprint);
  await dialog.getByTestId("ssh-key-delete-confirm").click();
  await expect(page.getByTestId("ssh-keys-empty")).toBeVisible();
});
