// Webhooks as an admin meets them in Chromium: create one through the form (validation
// first), send a test event, watch a real delivery appear in the log and open it, redeliver
// it, rotate the secret (shown once), disable and delete. The receiver is a plain HTTP
// server in this process; it checks every signature with the secret the form generated.
import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { ADMIN, expect, newClient, newVps, signIn, test, uniqueName } from "../fixtures";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let receiver: Server;
const received: Received[] = [];
let receiverUrl = "";
const lastTestDelivery = () => received.filter((r) => r.headers["x-webhook-event"] === "webhook.test").at(-1);

test.beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks/e2e`;
});
test.afterAll(() => {
  receiver?.close();
});

const signed = (r: Received, secret: string) =>
  r.headers["x-webhook-signature"] === `sha256=${createHmac("sha256", secret).update(r.body).digest("hex")}`;

test("an admin creates, tests, inspects, redelivers, rotates, disables and deletes a webhook", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByRole("navigation").getByRole("link", { name: "Вебхуки" }).click();
  await expect(page.getByRole("heading", { name: "Вебхуки", level: 1 })).toBeVisible();
  await page.getByTestId("new-webhook").click();

  // Validation in the browser: nothing is sent.
  await page.getByTestId("save-webhook").click();
  await expect(page.getByTestId("error-name")).toHaveText("Обязательное поле");
  await expect(page.getByTestId("error-url")).toBeVisible();
  await expect(page.getByTestId("error-event_type")).toHaveText("Выберите хотя бы одно событие");
  await expect(page).toHaveURL(/\/admin\/webhooks\/new$/);

  await page.getByLabel("Название").fill("Основной сайт (e2e)");
  await page.getByLabel("URL получателя").fill(receiverUrl);
  await page.getByRole("checkbox", { name: /VPS создан/ }).check();
  await page.getByRole("checkbox", { name: /Статус VPS изменён/ }).check();
  await page.getByRole("button", { name: "Сгенерировать" }).click();
  const secret = await page.getByLabel("Секрет для подписи").inputValue();
  expect(secret).toMatch(/^[0-9a-f]{64}$/);
  await page.getByTestId("save-webhook").click();

  await expect(page).toHaveURL(/\/admin\/webhooks\/\d+$/);
  await expect(page.getByRole("heading", { name: /Основной сайт \(e2e\)/ })).toBeVisible();
  await expect(page.getByTestId("webhook-state")).toHaveText(/Активен/);
  await expect(page.getByTestId("deliveries-empty")).toBeVisible();
  expect(await page.content()).not.toContain(secret);

  // Test event: answered at once, signed with the secret.
  await page.getByTestId("test-webhook").click();
  await expect(page.getByTestId("webhook-notice")).toHaveText("Тестовое событие доставлено: HTTP 200");
  // Other specs share the panel, so other deliveries may land in between: check the test one.
  const firstTest = lastTestDelivery();
  expect(firstTest?.headers["x-webhook-event"]).toBe("webhook.test");
  expect(signed(firstTest!, secret)).toBe(true);

  // A real event (the main site creates a VPS for a client of this spec's own): the log
  // shows it without a reload; open it.
  const owner = await newClient();
  const vpsName = uniqueName("e2e-вебхук");
  await newVps(owner.id, { name: vpsName, cpu: 1, ram: 1024, disk: 20 });
  const row = page.getByTestId("delivery-row").filter({ hasText: "VPS создан" }).first();
  await expect(row).toHaveAttribute("data-status", "success", { timeout: 15_000 });
  await row.getByRole("button", { name: /Подробности доставки/ }).click();
  const detail = page.getByTestId("delivery-detail");
  await expect(detail.getByTestId("attempt").first()).toContainText("200");
  await expect(detail).toContainText(`"name": "${vpsName}"`);
  await expect(detail).toContainText(receiverUrl);
  const delivered = received.find((r) => r.headers["x-webhook-event"] === "vps.created" && JSON.stringify(JSON.parse(r.body)).includes(vpsName))!;
  expect(signed(delivered, secret)).toBe(true);

  // Redeliver: the same message (webhook-id) arrives again.
  const before = received.length;
  await row.getByTestId("redeliver").click();
  await expect.poll(() => received.length, { timeout: 10_000 }).toBeGreaterThan(before);
  expect(received.at(-1)!.headers["webhook-id"]).toBe(delivered.headers["webhook-id"]);
  await expect(detail.getByTestId("attempt")).toHaveCount(2, { timeout: 10_000 });

  // Rotate: the new secret is shown once; afterwards it appears nowhere.
  page.once("dialog", (d) => void d.accept());
  await page.getByTestId("rotate-secret").click();
  const shown = page.getByTestId("new-secret-value");
  await expect(shown).toHaveText(/^[0-9a-f]{64}$/);
  const rotated = (await shown.textContent())!;
  await page.getByTestId("test-webhook").click();
  // The notice may still read "HTTP 200" from the first test: wait for the new delivery itself.
  await expect.poll(() => lastTestDelivery(), { timeout: 10_000 }).not.toBe(firstTest);
  await expect(page.getByTestId("webhook-notice")).toContainText("HTTP 200");
  const rotatedTest = lastTestDelivery()!;
  expect(signed(rotatedTest, rotated)).toBe(true);
  expect(rotatedTest.headers["x-webhook-signature-previous"]).toBe(`sha256=${createHmac("sha256", secret).update(rotatedTest.body).digest("hex")}`);
  await page.reload();
  await expect(page.getByTestId("new-secret")).toHaveCount(0);
  expect(await page.content()).not.toContain(rotated);

  // Disable, then delete.
  await page.getByTestId("toggle-active").click();
  await expect(page.getByTestId("webhook-state")).toHaveText("Отключён");
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Удалить" }).click();
  await expect(page).toHaveURL(/\/admin\/webhooks$/);
  await expect(page.getByText("Основной сайт (e2e)")).toHaveCount(0);
});
