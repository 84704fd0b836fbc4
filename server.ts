// Entry point: validates config, opens and migrates the database, then serves Next.js with
// socket.io on the same port and starts the outbox relay. Wiring only; logic lives in lib/.
import { createServer } from "node:http";
import next from "next";
import { openDatabase, setDatabase } from "./lib/db";
import { demoMainSite, startDemoMainSite } from "./lib/demo/main-site";
import { seedDemo } from "./lib/demo/seed-demo";
import { sealWebhookSecret } from "./lib/webhooks/webhook-secret";
import { EnvError, getEnv } from "./lib/env";
import { listenForOutbox } from "./lib/events/listen-outbox";
import { startOutboxRetention, type OutboxRetention } from "./lib/events/prune-outbox";
import { startRelay, type Relay } from "./lib/events/relay";
import { guardRequestBody } from "./lib/http/body-limit";
import { stampClientAddress } from "./lib/http/client-address";
import { serveRoute } from "./lib/http/node-adapter";
import { checkOrigin, nodeOriginHeaders, originPolicy, upgradeRefusal } from "./lib/http/origin";
import { isPlausibleRouterState } from "./lib/http/router-state";
import { staticSecurityHeaders } from "./lib/http/security-headers";
import { flushInboundLog } from "./lib/inbound-log/record-inbound-call";
import { startInboundLogRetention, type InboundLogRetention } from "./lib/inbound-log/retention";
import { log } from "./lib/log";
import { quietClientGone } from "./lib/http/client-gone";
import { machineRoute } from "./lib/machine-api";
import { startMailWorker, type MailWorker } from "./lib/mail/worker";
import { startMetricsWorker, type MetricsWorker } from "./lib/metrics/worker";
import { startAlertsWorker, type AlertsWorker } from "./lib/alerts/worker";
import { migrate } from "./lib/migrate";
import { publishEvent, receiveClusterEvents } from "./lib/realtime/publish-event";
import { attachSocketServer } from "./lib/realtime/socket-server";
import { createWsHub, type WsHub } from "./lib/realtime/ws-hub";
import { createConsoleProxy } from "./lib/console/proxy";
import { ensureFirstAdmin } from "./lib/users/ensure-admin";
import { parseDuration, parseRetrySchedule } from "./lib/webhooks/retry-schedule";
import { startWebhookWorker, type WebhookWorker } from "./lib/webhooks/worker";
import { startActionExpiry } from "./lib/vps/actions/expire";

function fail(message: string): never {
  console.error(`ospab-panel: ${message}`);
  process.exit(1);
}

async function main() {
  const started = Date.now();
  let env;
  try {
    env = getEnv();
  } catch (err) {
    if (err instanceof EnvError) fail(err.message);
    throw err;
  }
  for (const w of env.warnings) console.warn(`\n  WARNING: ${w}\n`);
  quietClientGone((msg) => log.debug(msg));
  // No phoning home from a self-hosted panel; next-auth wants its own URL.
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";
  process.env.NEXTAUTH_URL ??= `http://localhost:${env.PORT}`;

  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR }).catch((err) =>
    fail(`cannot open the database (${env.DATABASE_URL ? "DATABASE_URL" : `embedded, ${env.DATA_DIR}`}): ${(err as Error).message}`),
  );
  setDatabase(db);
  const { applied } = await migrate(db).catch((err) => fail((err as Error).message));
  if (applied.length) log.info("migrations applied", { applied });

  const admin = await ensureFirstAdmin(db.prisma, env.ADMIN_EMAIL, env.ADMIN_PASSWORD);
  if (admin.created) log.info("first admin created", { email: env.ADMIN_EMAIL });
  const demoSite = env.demoData ? demoMainSite(env) : undefined;
  let seedHistory = false;
  if (env.demoMainSite && !env.demoData) log.warn("DEMO_MAIN_SITE=1 needs demo data (DEMO_DATA=1): not starting the demo main site");
  if (demoSite) {
    const running = env.demoMainSite;
    const mainSite = { url: demoSite.webhookUrl, secretEnc: running ? sealWebhookSecret(demoSite.secret) : null, running };
    const { created } = await seedDemo(db.prisma, { mainSite });
    if (created) log.info("demo data created", { records: created });
    seedHistory = created > 0 && env.NODE_ENV === "development";
  } else if ((await db.prisma.user.count({ where: { role: "admin" } })) === 0) {
    fail("no admin account exists: set ADMIN_EMAIL and ADMIN_PASSWORD to create the first one");
  }

  // NODE_ENV=test serves the production build with development's lenient config (the
  // seeds' example key): how the HTTP tests replay the seeds' curls verbatim.
  const dev = env.NODE_ENV === "development";
  const app = next({ dev, dir: process.cwd(), hostname: "localhost", port: env.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgrade = app.getUpgradeHandler();

  // nosniff, no framing, referrer policy, HSTS on https: on every response (the pages' CSP
  // with its nonce comes from proxy.ts).
  const securityHeaders = Object.entries(staticSecurityHeaders(process.env.NEXTAUTH_URL.startsWith("https:")));
  const origins = originPolicy(env.NODE_ENV);
  const http = createServer((req, res) => {
    for (const [name, value] of securityHeaders) res.setHeader(name, value);
    if (guardRequestBody(req, res)) return;
    stampClientAddress(req, env.TRUST_PROXY);
    const tree = req.headers["next-router-state-tree"];
    if (typeof tree === "string" && !isPlausibleRouterState(tree)) {
      res.writeHead(400, { "content-type": "application/json" });
      return void res.end(JSON.stringify({ status: "error", message: "Malformed Next-Router-State-Tree header" }));
    }
    const machine = machineRoute(req.method, req.url);
    if (machine) void serveRoute(machine.definition, req, res, machine.params);
    else void handle(req, res);
  });
  const io = await attachSocketServer(http, db, env.NEXTAUTH_SECRET, { recheckMs: env.WS_RECHECK_SECONDS * 1000 });
  const wsHub = createWsHub(db, env.NEXTAUTH_SECRET, { recheckMs: env.WS_RECHECK_SECONDS * 1000 });
  // /console/ws (lib/console/proxy.ts) hears the events /ws does: a suspended or deleted VPS closes its consoles.
  const consoles = createConsoleProxy(db, { sessionSecret: env.NEXTAUTH_SECRET, maxMs: env.CONSOLE_MAX_MINUTES * 60_000, recheckMs: env.WS_RECHECK_SECONDS * 1000 });
  const feeds: WsHub = { ...wsHub, publish: (event) => (wsHub.publish(event), consoles.onEvent(event)) };
  // Runs before socket.io's own upgrade listener: one Origin check for every WebSocket
  // (socket.io, /ws, dev HMR, later the console). A refused socket.io upgrade gets our 403
  // and its URL is cleared so socket.io leaves it alone (engine.io would answer 400).
  http.prependListener("upgrade", (req, socket, head) => {
    const verdict = checkOrigin(nodeOriginHeaders(req.headers), origins);
    if (!verdict.ok) {
      req.url = "/";
      return void socket.end(upgradeRefusal(verdict.message));
    }
    const url = req.url ?? "";
    if (url.startsWith("/socket.io/")) return; // socket.io's own listener answers
    if (wsHub.isWsRequest(req)) return wsHub.handleUpgrade(req, socket, head);
    if (consoles.isConsoleRequest(req)) return consoles.handleUpgrade(req, socket, head);
    if (dev) void upgrade(req, socket, head);
    else socket.destroy();
  });
  const clustered = Boolean(db.pool);
  if (clustered) receiveClusterEvents(io, feeds);

  // Background work: the outbox relay (live events), webhook delivery, the inbound log's
  // 7-day retention and the outbox's. PANEL_WORKERS=0
  // makes a web-only process; any number of processes may run the workers.
  let relay: Relay | undefined;
  let webhooks: WebhookWorker | undefined;
  let actionExpiry: ReturnType<typeof startActionExpiry> | undefined;
  let inboundRetention: InboundLogRetention | undefined;
  let outboxRetention: OutboxRetention | undefined;
  let metrics: MetricsWorker | undefined;
  let alerts: AlertsWorker | undefined;
  let mail: MailWorker | undefined;
  let unlisten = async () => {};
  if (env.PANEL_WORKERS === "1") {
    unlisten = listenForOutbox(db);
    relay = startRelay(db, (event) => void publishEvent(io, feeds, event, clustered));
    webhooks = startWebhookWorker(db, {
      schedule: parseRetrySchedule(env.WEBHOOK_RETRY_SCHEDULE),
      allowPrivate: env.WEBHOOK_ALLOW_PRIVATE === "1",
      disableAfterFailures: env.WEBHOOK_DISABLE_AFTER_FAILURES,
      disableAfterMs: parseDuration(env.WEBHOOK_DISABLE_AFTER),
    });
    // §9 requests not finished in time expire (lib/vps/actions/expire.ts; safe in several processes).
    actionExpiry = startActionExpiry(db.prisma, 60_000, (err) => log.warn("actions: expiry sweep failed, will retry", { error: String(err) }));
    inboundRetention = startInboundLogRetention(db);
    // Outbox rows every consumer has read, older than DOMAIN_EVENTS_RETENTION: hourly, in batches.
    outboxRetention = startOutboxRetention(db, parseDuration(env.DOMAIN_EVENTS_RETENTION));
    // Resource graphs: rollups of new samples every 20 s (one process at a time), retention hourly.
    metrics = startMetricsWorker(db);
    // Alert rules every ALERTS_EVERY_SECONDS (one process at a time), traffic quotas every 5 min.
    alerts = startAlertsWorker(db, { evaluateEveryMs: env.ALERTS_EVERY_SECONDS * 1000 });
    // Notification emails (SMTP_URL; without it waiting emails are marked "off").
    mail = startMailWorker(db, { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, baseUrl: process.env.NEXTAUTH_URL, schedule: parseRetrySchedule(env.MAIL_RETRY_SCHEDULE) });
  }

  await new Promise<void>((resolve) => http.listen(env.PORT, env.HOST, resolve));
  log.info("ospab-panel ready", {
    url: `http://localhost:${env.PORT}`,
    database: db.kind,
    workers: env.PANEL_WORKERS === "1",
    mode: dev ? "development" : "production",
    startup_ms: Date.now() - started,
  });
  const demoChild = env.demoMainSite && demoSite && env.demoData ? startDemoMainSite(demoSite) : undefined;
  if (demoChild && demoSite) log.info("demo main site started", { webhook: demoSite.webhookUrl });
  // In development, the run that created the demo data also fills the demo's resource
  // graphs (30 days, as npm run db:seed does), in the background: the panel answers
  // meanwhile. Loaded on use.
  if (seedHistory) {
    void import("./lib/demo/seed-demo-history").then((m) => m.seedDemoMetricsHistory(db.prisma)).then(
      (h) => h.samples && log.info("demo resource graphs seeded", { samples: h.samples, vps: h.vps }),
      (err) => log.warn("demo resource graphs not seeded", { error: String(err) }),
    );
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info("shutting down", { signal });
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    demoChild?.kill("SIGTERM");
    await unlisten();
    await Promise.all([relay?.stop(), webhooks?.stop(), actionExpiry?.stop(), inboundRetention?.stop(), outboxRetention?.stop(), metrics?.stop(), alerts?.stop(), mail?.stop()]);
    await wsHub.close();
    await consoles.close();
    await new Promise<void>((r) => io.close(() => r()));
    await flushInboundLog(); // the machine calls answered so far keep their log rows
    await db.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
