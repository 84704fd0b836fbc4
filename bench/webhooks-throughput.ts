// Webhook delivery benchmark against the production build (`npm run build` first):
//  1. throughput: 10,000 events committed to the outbox as fast as 16 writers can → every
//     one answered 2xx by a local receiver; events/s from first commit to last 2xx;
//  2. latency: events committed at a steady 200/s; commit → first delivery attempt
//     (request arriving at the receiver), p50/p90/p99/max, timed from the moment the sync
//     request was sent (an upper bound).
// Events come the way the main site sends them: POST /api/vps/sync (create), 16 requests
// in flight; "commit" is the moment the panel answered (the change and its event committed).
// Usage: node --import tsx bench/webhooks-throughput.ts [events=10000] [rate=200] [seconds=20]
import { createServer } from "node:http";
import { EventSource } from "../test/support/events";
import { stopOnExit } from "./support";
import { SessionClient } from "../test/support/http";
import { startPanel, TEST_ADMIN } from "../test/support/panel";

const TOTAL = Number(process.argv[2] ?? 10_000);
const RATE = Number(process.argv[3] ?? 200);
const SECONDS = Number(process.argv[4] ?? 20);

const firstSeen = new Map<string, number>(); // vps name → first arrival (ms, performance.now)
const answered = new Map<string, number>();
let requests = 0;
const receiver = createServer((req, res) => {
  const arrived = performance.now();
  const chunks: Buffer[] = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    requests++;
    const name = (JSON.parse(Buffer.concat(chunks).toString()) as { vps: { name: string } }).vps.name;
    if (!firstSeen.has(name)) firstSeen.set(name, arrived);
    res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
    if (!answered.has(name)) answered.set(name, performance.now());
  });
});
await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;

const panel = await startPanel({ env: { WEBHOOK_ALLOW_PRIVATE: "1", LOG_LEVEL: "error" } });
const events = await EventSource.open(panel, 2);
/** One change pushed by the main site (sync API create): the panel commits it with its
 * vps.created event and wakes its own relay and webhook worker. */
async function commitEvent(owner: number, name: string) {
  await events.createVps(owner, name);
}

const cleanup = stopOnExit(async () => {
  await events.close().catch(() => {});
  await panel.stop();
});
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const fmt = (n: number) => n.toFixed(1);

try {
  const admin = new SessionClient(panel.url);
  await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
  const res = await admin.fetch("/api/webhooks", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "bench", url, event_type: "vps.created", secret: "bench-secret-0123456789abcdef" }),
  });
  if (res.status !== 201) throw new Error(`create webhook: ${res.status} ${await res.text()}`);
  const owner = await events.userId("client@ospab.local");

  const waitAll = async (names: string[], timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (names.some((n) => !answered.has(n))) {
      if (Date.now() > deadline) throw new Error(`only ${names.filter((n) => answered.has(n)).length}/${names.length} delivered`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  // 1. Throughput.
  const names = Array.from({ length: TOTAL }, (_, i) => `tp-${i}`);
  const WRITERS = 16;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < names.length) await commitEvent(owner, names[next++]);
    }),
  );
  const committedAt = performance.now();
  await waitAll(names, 600_000);
  const doneAt = Math.max(...names.map((n) => answered.get(n)!));
  console.log(`throughput: ${TOTAL} events`);
  console.log(`  commits:   ${fmt((TOTAL / (committedAt - t0)) * 1000)} events/s (${WRITERS} writers, ${fmt((committedAt - t0) / 1000)} s)`);
  console.log(`  delivered: ${fmt((TOTAL / (doneAt - t0)) * 1000)} events/s, first commit → last 2xx ${fmt((doneAt - t0) / 1000)} s`);
  console.log(`  receiver saw ${requests} requests for ${TOTAL} events (${requests - TOTAL} repeats)`);

  // 2. Latency at a steady rate.
  const steady: { name: string; committed: number }[] = [];
  const count = RATE * SECONDS;
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const name = `lat-${i}`;
    // Timed from the moment the sync request is sent: the commit happens within it, so this
    // is an upper bound (the webhook may even arrive before the sync reply does).
    const sent = performance.now();
    inflight.push(commitEvent(owner, name).then(() => void steady.push({ name, committed: sent })));
  }
  await Promise.all(inflight);
  const actualRate = (count / (performance.now() - start)) * 1000;
  await waitAll(steady.map((s) => s.name), 120_000);
  const lat = steady.map((s) => firstSeen.get(s.name)! - s.committed).sort((a, b) => a - b);
  console.log(`latency at ${fmt(actualRate)} events/s for ${SECONDS} s (${count} events), commit → first attempt:`);
  console.log(`  p50 ${fmt(pct(lat, 50))} ms   p90 ${fmt(pct(lat, 90))} ms   p99 ${fmt(pct(lat, 99))} ms   max ${fmt(lat[lat.length - 1])} ms`);
} finally {
  await cleanup();
  receiver.close();
}
