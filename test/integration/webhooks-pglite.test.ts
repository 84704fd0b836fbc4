// The webhook pipeline on the embedded database (PGlite, what `npm run dev` uses): outbox
// fan-out, claim, signed delivery to a local receiver, retry after a 500, and the test
// event — the same code as on PostgreSQL, through the PGlite transaction path.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

const dir = mkdtempSync(path.join(tmpdir(), "ospab-pglite-webhooks-"));
process.env.DATA_DIR = dir;
Object.assign(process.env, { NODE_ENV: "test" });

const { openDatabase } = await import("../../lib/db");
const { migrate } = await import("../../lib/migrate");
const { createWebhook } = await import("../../lib/webhooks/create-webhook");
const { sendTestEvent } = await import("../../lib/webhooks/send-test-event");
const { startWebhookWorker } = await import("../../lib/webhooks/worker");
const { createVps } = await import("../../lib/vps/create-vps");
const { pythonJsonDumps } = await import("../../lib/webhooks/serialize");

const SECRET = "pglite-receiver-secret-0123";

describe("webhook delivery on the embedded database (PGlite)", () => {
  let db: Awaited<ReturnType<typeof openDatabase>>;
  let worker: ReturnType<typeof startWebhookWorker>;
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  let answers: number[] = [];
  const receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(answers.shift() ?? 200).end("ok");
    });
  });
  let url = "";

  before(async () => {
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
    db = await openDatabase({ dataDir: dir });
    await migrate(db);
    worker = startWebhookWorker(db, { schedule: [300, 300], allowPrivate: true, disableAfterFailures: 20, disableAfterMs: 86_400_000 }, { pollMs: 100 });
  });
  after(async () => {
    await worker?.stop();
    await db?.close();
    receiver.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("delivers a signed outbox event, retrying after a 500", async () => {
    const user = await db.prisma.user.create({ data: { email: "pglite@example.com", passwordHash: "x" } });
    const hook = await createWebhook(db.prisma, { name: "local", url, event_type: ["vps.created"], secret: SECRET }, { allowPrivate: true });
    answers = [500];
    const vps = await createVps(db.prisma, { userId: user.id, name: "Локальный", cpu: 1, ramMb: 1024, diskGb: 10, os: "Debian 12" });
    const deadline = Date.now() + 15_000;
    while (received.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(received.length, 2, "one 500, one retry");
    const [first, second] = received;
    assert.equal(first.body, second.body);
    assert.equal(first.headers["webhook-id"], second.headers["webhook-id"]);
    assert.equal(second.body, pythonJsonDumps({ vps }));
    assert.equal(second.headers["x-webhook-signature"], `sha256=${createHmac("sha256", SECRET).update(second.body).digest("hex")}`);
    assert.equal(second.headers["x-webhook-id"], String(hook.id));
    let d = await db.prisma.webhookDelivery.findFirstOrThrow({ where: { webhookId: hook.id } });
    while (d.status !== "success" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      d = await db.prisma.webhookDelivery.findFirstOrThrow({ where: { webhookId: hook.id } });
    }
    assert.equal(d.status, "success");
    assert.equal(d.attempts, 2);
    assert.equal(await db.prisma.webhookAttempt.count({ where: { deliveryId: d.id } }), 2);
  });

  it("sends a test event and reports its first attempt", async () => {
    const hook = await db.prisma.webhook.findFirstOrThrow({ where: { name: "local" } });
    const d = await sendTestEvent(db.prisma, hook.id, { waitMs: 10_000 });
    assert.equal(d.event_type, "webhook.test");
    assert.equal(d.attempts?.[0]?.response_status, 200);
    assert.equal(received.at(-1)!.headers["x-webhook-event"], "webhook.test");
  });
});
