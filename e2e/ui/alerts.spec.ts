// Alerts and the notification centre as a client meets them: an alert rule created on the
// VPS page fires when the main site pushes samples beyond it (the e2e panel runs the
// workers, evaluating every ALERTS_EVERY_SECONDS) and the header's bell counts it live,
// without a reload; the centre opens from the keyboard, lists it in words and units, marks
// it read; /notifications and /alerts list it; the channel preferences on /account save;
// the English UI says the same. Screenshots go to test-results/alerts/ (looked at by hand).
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, mainSite, newClient, newVps, signIn, test } from "../fixtures";

const OUT = path.resolve(import.meta.dirname, "../../test-results/alerts");
const PHONE = { width: 390, height: 844 };

/** What the main site pushes every minute: here a CPU at `cpu` % for the last few minutes. */
async function pushCpu(vpsId: number, cpu: number) {
  const now = Date.now();
  const samples = [150, 90, 30, 0].map((secondsAgo) => ({ vps_id: vpsId, at: new Date(now - secondsAgo * 1000).toISOString(), cpu_percent: cpu, ram_used_mb: 900 }));
  const r = await mainSite("/api/vps/metrics", { samples });
  expect(r.accepted).toBe(samples.length);
}

async function addRule(page: Page, { threshold, minutes }: { threshold: string; minutes: string }) {
  const section = page.getByTestId("alert-rules");
  await section.getByTestId("rule-add").click();
  const form = page.getByTestId("alert-rule-form");
  await expect(form).toBeVisible();
  await form.getByTestId("rule-metric").selectOption("cpu_percent");
  await form.getByTestId("rule-op").selectOption(">");
  await form.getByTestId("rule-threshold").fill(threshold);
  await form.getByTestId("rule-minutes").fill(minutes);
  await form.getByTestId("rule-submit").click();
  await expect(form).toBeHidden();
}

test("a rule made on the VPS page fires, the bell counts it live, the centre marks it read", async ({ page, db }) => {
  const user = await newClient();
  const vps = await newVps(user.id, { name: "alerting-01", status: "running" });
  await signIn(page, user.email, user.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto(`/vps/${vps.id}`);

  const bell = page.getByTestId("notification-bell");
  await expect(bell).toHaveAttribute("data-unread", "0");
  await expect(bell).toHaveAccessibleName("Уведомления");
  // The empty centre says so.
  await bell.click();
  await expect(page.getByTestId("notifications-empty")).toContainText("Уведомлений нет");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("notification-centre")).toBeHidden();
  await expect(bell).toBeFocused();

  const section = page.getByTestId("alert-rules");
  await expect(section.getByTestId("alert-rules-empty")).toContainText("Правил пока нет");
  // Email is not set up on the e2e panel: the form says so and offers no email.
  await section.getByTestId("rule-add").click();
  await expect(page.getByTestId("rule-channel-email")).toBeDisabled();
  await expect(page.getByTestId("alert-rule-form")).toContainText("почта не настроена");
  // Bad input is caught before asking.
  await page.getByTestId("rule-threshold").fill("150");
  await page.getByTestId("rule-submit").click();
  await expect(page.getByTestId("alert-rule-form")).toContainText("Введите число");
  await page.getByRole("button", { name: "Отмена" }).click();

  await addRule(page, { threshold: "80", minutes: "1" });
  const rule = section.getByTestId("alert-rule");
  await expect(rule).toHaveCount(1);
  await expect(rule.getByTestId("rule-summary")).toHaveText("Загрузка процессора выше 80 % дольше 1 минуты");
  const stored = await db.prisma.alertRule.findFirstOrThrow({ where: { userId: user.id } });
  expect(stored).toMatchObject({ vpsId: vps.id, metric: "cpu_percent", op: ">", threshold: 80, forMinutes: 1, channels: ["panel"], enabled: true });
  await section.screenshot({ path: path.join(OUT, "rules-section-desktop.png") });

  // The main site reports a CPU at 97 % for the last minutes: the workers fire the rule and
  // the bell counts it, live (no reload).
  await pushCpu(vps.id, 97);
  await expect(bell).toHaveAttribute("data-unread", "1", { timeout: 60_000 });
  await expect(page.getByTestId("notification-count")).toHaveText("1");
  await expect(bell).toHaveAccessibleName(/1 непрочитанное/);
  await expect(rule.getByTestId("rule-state")).toHaveAttribute("data-state", "firing", { timeout: 60_000 });
  await expect(rule).toContainText("сейчас 97 %");

  // Keyboard: the bell opens the centre, focus moves to the notification.
  await bell.focus();
  await page.keyboard.press("Enter");
  const centre = page.getByTestId("notification-centre");
  await expect(centre).toBeVisible();
  const item = centre.getByTestId("notification-item");
  await expect(item).toHaveCount(1);
  await expect(item).toBeFocused();
  await expect(item).toHaveAttribute("data-unread", "true");
  await expect(item).toContainText("alerting-01: Загрузка процессора выше 80 %");
  await expect(item).toContainText("дольше 1 минуты: сейчас 97 %");
  await expect(item).toHaveAttribute("href", `/vps/${vps.id}`);
  await page.screenshot({ path: path.join(OUT, "centre-desktop.png") });

  await centre.getByTestId("notifications-mark-all").click();
  await expect(bell).toHaveAttribute("data-unread", "0");
  await expect(item).toHaveAttribute("data-unread", "false");
  await expect(page.getByTestId("notification-count")).toHaveCount(0);
  const row = await db.prisma.notification.findFirstOrThrow({ where: { userId: user.id } });
  expect(row.readAt).not.toBeNull();

  // The full list, and the rules page (all my rules, "all my servers" ones too).
  await centre.getByTestId("notifications-show-all").click();
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.getByTestId("notifications-list").getByTestId("notification-item")).toHaveCount(1);
  await expect(page.getByTestId("notifications-page-mark-all")).toBeDisabled();
  await page.screenshot({ path: path.join(OUT, "notifications-desktop.png"), fullPage: true });

  await page.getByRole("navigation").getByRole("link", { name: "Оповещения" }).click();
  await expect(page).toHaveURL(/\/alerts$/);
  await addRule(page, { threshold: "20", minutes: "10" });
  const rules = page.getByTestId("alert-rule");
  await expect(rules).toHaveCount(2);
  // The one just made on this page defaults to all my servers.
  await expect(page.getByTestId("alert-rules")).toContainText("Все мои серверы");
  await page.screenshot({ path: path.join(OUT, "alerts-page-desktop.png"), fullPage: true });

  await page.setViewportSize(PHONE);
  await page.screenshot({ path: path.join(OUT, "alerts-page-phone.png"), fullPage: true });
  await page.goto("/notifications");
  await expect(page.getByTestId("notifications-list").getByTestId("notification-item")).toHaveCount(1);
  await page.screenshot({ path: path.join(OUT, "notifications-phone.png"), fullPage: true });
  await page.getByTestId("notification-bell").click();
  await expect(page.getByTestId("notification-centre")).toBeVisible();
  await page.screenshot({ path: path.join(OUT, "centre-phone.png") });
  const box = await page.getByTestId("notification-centre").boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);
  await page.getByTestId("notification-centre").getByTestId("notification-item").click();
  await expect(page).toHaveURL(new RegExp(`/vps/${vps.id}$`));
  await page.getByTestId("alert-rules").scrollIntoViewIfNeeded();
  await page.getByTestId("alert-rules").screenshot({ path: path.join(OUT, "rules-section-phone.png") });

  // Off, then delete (with a confirmation).
  await page.setViewportSize({ width: 1280, height: 800 });
  const own = page.getByTestId("alert-rule").filter({ hasText: "выше 80 %" });
  await own.getByTestId("rule-toggle").click();
  await expect(own.getByTestId("rule-state")).toHaveAttribute("data-state", "disabled");
  await expect.poll(async () => (await db.prisma.alertRule.findUniqueOrThrow({ where: { id: stored.id } })).enabled).toBe(false);
  await own.getByTestId("rule-delete").click();
  await expect(page.getByTestId("rule-delete-dialog")).toContainText("Удалить правило?");
  await page.getByTestId("rule-delete-confirm").click();
  await expect(page.getByTestId("alert-rule").filter({ hasText: "выше 80 %" })).toHaveCount(0);
  expect(await db.prisma.alertRule.count({ where: { id: stored.id } })).toBe(0);
});

test("notification preferences save on /account; email is explained as unavailable without SMTP", async ({ page, db }) => {
  const user = await newClient();
  await signIn(page, user.email, user.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/account");
  const prefs = page.getByTestId("notification-preferences");
  await expect(prefs.getByRole("heading", { name: "Уведомления" })).toBeVisible();
  await expect(prefs.getByTestId("pref-email")).toBeDisabled();
  await expect(prefs).toContainText("Почта на этой панели не настроена");
  const panel = prefs.getByTestId("pref-panel");
  await expect(panel).toBeChecked();
  await panel.press("Space");
  await expect(prefs.getByTestId("prefs-saved")).toBeVisible();
  await expect(panel).not.toBeChecked();
  await expect.poll(async () => (await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).notifyPanel).toBe(false);
  await page.reload();
  await expect(page.getByTestId("pref-panel")).not.toBeChecked();
  await prefs.screenshot({ path: path.join(OUT, "preferences-desktop.png") });
  await page.getByTestId("pref-panel").click();
  await expect(page.getByTestId("pref-panel")).toBeChecked();
  await expect.poll(async () => (await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).notifyPanel).toBe(true);
});

test("English: the bell, the centre, the rules and the notification text", async ({ page, db }) => {
  const user = await newClient();
  await db.prisma.user.update({ where: { id: user.id }, data: { locale: "en" } });
  const vps = await newVps(user.id, { name: "english-01", status: "running" });
  await signIn(page, user.email, user.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto(`/vps/${vps.id}`);
  await expect(page.getByTestId("alert-rules")).toContainText("No rules yet");
  await addRule(page, { threshold: "50", minutes: "1" });
  await expect(page.getByTestId("rule-summary")).toHaveText("CPU load above 50 % for more than 1 minute");
  await pushCpu(vps.id, 88.5);
  const bell = page.getByTestId("notification-bell");
  await expect(bell).toHaveAttribute("data-unread", "1", { timeout: 60_000 });
  await expect(bell).toHaveAccessibleName("Notifications: 1 unread");
  await bell.click();
  const item = page.getByTestId("notification-centre").getByTestId("notification-item");
  await expect(item).toContainText("english-01: CPU load above 50 %");
  await expect(item).toContainText("for more than 1 minute: now 88.5 %");
  await page.screenshot({ path: path.join(OUT, "centre-en-desktop.png") });
  // Opening the notification marks it read.
  await item.click();
  await expect(bell).toHaveAttribute("data-unread", "0");
});

test("a rule is edited in place from the keyboard: threshold, condition, duration, channels, on/off; raising the threshold resolves it once", async ({ page, db }) => {
  const user = await newClient();
  const vps = await newVps(user.id, { name: "editing-01", status: "running" });
  await signIn(page, user.email, user.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto(`/vps/${vps.id}`);
  await addRule(page, { threshold: "80", minutes: "1" });
  const rule = page.getByTestId("alert-rule");
  const stored = await db.prisma.alertRule.findFirstOrThrow({ where: { userId: user.id } });
  await pushCpu(vps.id, 97);
  const bell = page.getByTestId("notification-bell");
  await expect(bell).toHaveAttribute("data-unread", "1", { timeout: 60_000 });
  await expect(rule.getByTestId("rule-state")).toHaveAttribute("data-state", "firing", { timeout: 60_000 });

  // Keyboard: the edit button opens the form filled in with the rule; Esc closes it and returns focus.
  const edit = rule.getByTestId("rule-edit");
  await expect(edit).toHaveAccessibleName("Изменить правило «Загрузка процессора выше 80 % дольше 1 минуты»");
  await edit.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByTestId("alert-rule-edit-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("heading", { name: "Изменить правило" })).toBeVisible();
  const form = dialog.getByTestId("alert-rule-form");
  await expect(form.getByTestId("rule-threshold")).toHaveValue("80");
  await expect(form.getByTestId("rule-minutes")).toHaveValue("1");
  await expect(form.getByTestId("rule-op")).toHaveValue(">");
  await expect(form.getByTestId("rule-metric")).toHaveValue("cpu_percent");
  await expect(form.getByTestId("rule-channel-panel")).toBeChecked();
  await expect(form.getByTestId("rule-enabled")).toBeChecked();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(edit).toBeFocused();

  // Bad input is refused in the form and changes nothing.
  await page.keyboard.press("Enter");
  await form.getByTestId("rule-threshold").fill("abc");
  await form.getByTestId("rule-threshold").press("Enter");
  await expect(form).toContainText("Введите число");
  expect((await db.prisma.alertRule.findUniqueOrThrow({ where: { id: stored.id } })).threshold).toBe(80);

  // Raise the threshold above the metric (typed, submitted with Enter): the PATCH carries only
  // what changed, the list shows the new rule, and the firing alert resolves once.
  await form.getByTestId("rule-threshold").fill("99");
  await page.screenshot({ path: path.join(OUT, "rule-edit-desktop.png") });
  const patch = page.waitForRequest((r) => r.method() === "PATCH" && r.url().endsWith(`/api/alerts/${stored.id}`));
  await form.getByTestId("rule-threshold").press("Enter");
  expect((await patch).postDataJSON()).toEqual({ metric: "cpu_percent", threshold: 99 });
  await expect(dialog).toBeHidden();
  await expect(rule.getByTestId("rule-summary")).toHaveText("Загрузка процессора выше 99 % дольше 1 минуты");
  await expect(bell).toHaveAttribute("data-unread", "2", { timeout: 60_000 });
  await expect(rule.getByTestId("rule-state")).toHaveAttribute("data-state", "ok", { timeout: 60_000 });
  const kinds = async () => (await db.prisma.notification.findMany({ where: { userId: user.id }, orderBy: { id: "asc" } })).map((n) => n.kind);
  expect(await kinds()).toEqual(["alert.fired", "alert.resolved"]);

  // Condition, duration, channels and on/off in one edit.
  await rule.getByTestId("rule-edit").click();
  await form.getByTestId("rule-op").selectOption("<");
  await form.getByTestId("rule-threshold").fill("20,5");
  await form.getByTestId("rule-minutes").fill("15");
  await form.getByTestId("rule-channel-webhook").check();
  await form.getByTestId("rule-channel-panel").uncheck();
  await form.getByTestId("rule-enabled").uncheck();
  await form.getByTestId("rule-submit").click();
  await expect(dialog).toBeHidden();
  await expect(rule.getByTestId("rule-summary")).toHaveText("Загрузка процессора ниже 20,5 % дольше 15 минут");
  await expect(rule.getByTestId("rule-state")).toHaveAttribute("data-state", "disabled");
  await expect(rule).toContainText("Каналы: Вебхук");
  expect(await db.prisma.alertRule.findUniqueOrThrow({ where: { id: stored.id } })).toMatchObject({ op: "<", threshold: 20.5, forMinutes: 15, channels: ["webhook"], enabled: false });
  // No channel at all is refused by the form. (The threshold is shown with the reader's decimal comma.)
  await rule.getByTestId("rule-edit").click();
  await expect(form.getByTestId("rule-threshold")).toHaveValue("20,5");
  await form.getByTestId("rule-channel-webhook").uncheck();
  await form.getByTestId("rule-submit").click();
  await expect(form).toContainText("Выберите хотя бы один канал");
  await page.getByRole("button", { name: "Отмена" }).click();
  await expect(dialog).toBeHidden();
  expect(await kinds()).toEqual(["alert.fired", "alert.resolved"]);

  // English.
  await db.prisma.user.update({ where: { id: user.id }, data: { locale: "en" } });
  await page.reload();
  await expect(page.getByTestId("rule-edit")).toHaveText("Edit");
  await page.getByTestId("rule-edit").click();
  await expect(page.getByTestId("alert-rule-edit-dialog").getByRole("heading", { name: "Edit the rule" })).toBeVisible();
  await expect(page.getByTestId("rule-submit")).toHaveText("Save");
  await expect(page.getByTestId("rule-threshold")).toHaveValue("20.5");
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: path.join(OUT, "rule-edit-en-phone.png") });
});
