// Reference main site for ospab-panel: receives the panel's webhooks (signature checked)
// and lets a simulated hypervisor act on them through the panel's sync API.
//
//   OSPAB_PANEL_URL    the panel (default http://localhost:5050)
//   VPS_SYNC_API_KEY   the panel's sync key (X-API-Key)
//   WEBHOOK_SECRET     the secret of the panel webhook pointing here (required): every
//                      delivery must carry a valid Standard Webhooks signature with a
//                      timestamp within 5 minutes; repeats of a webhook-id are not redone
//   PORT, HOST         where to listen (default 5060 on 127.0.0.1); the webhook URL is
//                      http://HOST:PORT/webhooks/ospab
//   PROVISION_DELAY_MS creating → running (default 3000); ACTION_DELAY_MS (default 1500)
//   FAIL_PLANS         plan codes whose orders are failed ("no capacity"), comma-separated
//   SELF_SERVICE_STEP_MS  one step of a reinstall / password reset (default 1000)
//   MAIN_SITE_FAIL_ACTIONS  actions that fail half-way on purpose, e.g. "reinstall,reset_password"
//   METRICS_EVERY_MS   resource samples of the running VPS (default 60000; 0: none) (metrics.ts)
//   STORAGE_STEP_MS, STORAGE_FAIL_ACTIONS, STORAGE_AUTO_BACKUPS   snapshots, backups, rDNS (actions-storage.ts)
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { failActionsFrom, SelfService } from "./actions-self-service";
import { StorageActions } from "./actions-storage";
import { Hypervisor } from "./hypervisor";
import { startMetricsPusher } from "./metrics";
import { PanelClient } from "./panel-client";
import { WebhookReceiver } from "./receiver";

const env = process.env;
const log = (msg: string) => console.log(`[main-site] ${new Date().toISOString()} ${msg}`);

function setting(name: string, fallback?: string): string {
  const v = env[name] || fallback;
  if (v === undefined) {
    console.error(`[main-site] ${name} is required`);
    process.exit(1);
  }
  return v;
}

const panelUrl = setting("OSPAB_PANEL_URL", "http://localhost:5050");
const apiKey = setting("VPS_SYNC_API_KEY");
const secret = setting("WEBHOOK_SECRET");
const port = Number(setting("PORT", "5060"));
const host = setting("HOST", "127.0.0.1");
const ms = (name: string, d: number) => {
  const n = Number(env[name] ?? d);
  return Number.isFinite(n) && n >= 0 ? n : d;
};

const panel = new PanelClient({ baseUrl: panelUrl, apiKey, log });
const hypervisor = new Hypervisor(panel, {
  provisionDelayMs: ms("PROVISION_DELAY_MS", 3000),
  actionDelayMs: ms("ACTION_DELAY_MS", 1500),
  failPlans: (env.FAIL_PLANS ?? "").split(",").map((s) => s.trim()).filter(Boolean),
  log,
});

const selfService = new SelfService(panel, { stepMs: ms("SELF_SERVICE_STEP_MS", 1000), failActions: failActionsFrom(env.MAIN_SITE_FAIL_ACTIONS), log });
const storage = new StorageActions(panel, {
  stepMs: ms("STORAGE_STEP_MS", 800),
  failActions: (env.STORAGE_FAIL_ACTIONS ?? "").split(",").map((s) => s.trim()).filter(Boolean),
  autoBackups: env.STORAGE_AUTO_BACKUPS !== "0",
  panelUrl,
  apiKey,
  log,
});

const receiver = new WebhookReceiver({ secret });
const MAX_BODY = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

async function onWebhook(req: IncomingMessage, res: ServerResponse) {
  const raw = await readBody(req);
  if (raw === null) return send(res, 413, { error: "body too large" });
  const verdict = receiver.receive(req.headers, raw);
  if (verdict.status !== 200) {
    log(`webhook refused (${verdict.status}): ${verdict.error}`);
    return send(res, verdict.status, { error: verdict.error });
  }
  // Answer at once; the work happens in the background (the panel times deliveries out).
  if (verdict.duplicate) {
    log(`webhook ${verdict.event} (delivery ${verdict.id}) already handled: acknowledged, not redone`);
    return send(res, 200, { status: "duplicate" });
  }
  send(res, 200, { status: "ok" });
  log(`webhook ${verdict.event} (delivery ${verdict.id})`);
  void hypervisor.handle(verdict.event, verdict.payload);
  void selfService.handle(verdict.event, verdict.payload);
  void storage.handle(verdict.event, verdict.payload);
}

const server = createServer((req, res) => {
  const path = (req.url ?? "/").split("?")[0];
  if (req.method === "POST" && path === "/webhooks/ospab") {
    onWebhook(req, res).catch((err) => {
      log(`webhook handling failed: ${(err as Error).message}`);
      if (!res.headersSent) send(res, 500, { error: "internal error" });
    });
  } else if (req.method === "GET" && path === "/health") {
    send(res, 200, { status: "ok" });
  } else {
    send(res, 404, { error: "not found" });
  }
});

server.listen(port, host, () => {
  log(`listening on http://${host}:${port}/webhooks/ospab, panel ${panelUrl}`);
  void storage.start();
  startMetricsPusher({ panelUrl, apiKey, everyMs: ms("METRICS_EVERY_MS", 60_000), log });
});

for (const sig of ["SIGTERM", "SIGINT"] as const)
  process.on(sig, () => {
    server.close();
    process.exit(0);
  });
