// /ws fan-out benchmark against the production build (`npm run build` first): 200 sockets
// (an admin's token: every event goes to every socket) on one panel; events pushed through
// the sync API (as the main site does) at a steady rate, then in a burst. Prints commit → message latency over all
// socket × event pairs and delivered messages/s; checks nothing is lost or doubled.
// Usage: node --import tsx bench/ws-fanout.ts [sockets=200] [rate=50] [seconds=10] [burst=1000]
import WebSocket from "ws";
import { EventSource } from "../test/support/events";
import { stopOnExit } from "./support";
import { startPanel, TEST_ADMIN } from "../test/support/panel";
import { createTestToken } from "../test/support/tokens";

const SOCKETS = Number(process.argv[2] ?? 200);
const RATE = Number(process.argv[3] ?? 50);
const SECONDS = Number(process.argv[4] ?? 10);
const BURST = Number(process.argv[5] ?? 1000);

const panel = await startPanel({ env: { LOG_LEVEL: "error" } });
const events = await EventSource.open(panel, 2);
const cleanup = stopOnExit(async () => {
  await events.close().catch(() => {});
  await panel.stop();
});
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const fmt = (n: number) => n.toFixed(1);

const committedAt = new Map<string, number>();
const latencies: number[] = [];
let received = 0;
const perSocket: Map<string, number>[] = [];

/** One change pushed by the main site (sync API create → vps.created). */
async function commitEvent(owner: number, name: string) {
  // Timed from the moment the sync request is sent (an upper bound: the commit happens
  // within the request, and the message may arrive before the reply does).
  committedAt.set(name, performance.now());
  await events.createVps(owner, name);
}

try {
  const owner = await events.userId("client@ospab.local");
  const token = await createTestToken(events.db, await events.userId(TEST_ADMIN.email), ["events:read"]);
  const t0 = performance.now();
  const sockets = await Promise.all(
    Array.from({ length: SOCKETS }, (_, i) => {
      const seen = new Map<string, number>();
      perSocket.push(seen);
      return new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(`${panel.url.replace("http", "ws")}/ws?token=${token}`);
        ws.on("message", (data) => {
          const at = performance.now();
          const m = JSON.parse(data.toString()) as { type: string; payload?: { vps?: { name: string } } };
          if (m.type === "connection") return resolve(ws);
          const name = m.payload?.vps?.name;
          if (!name) return;
          received++;
          seen.set(name, (seen.get(name) ?? 0) + 1);
          const c = committedAt.get(name);
          if (c !== undefined) latencies.push(at - c);
        });
        ws.on("error", reject);
        void i;
      });
    }),
  );
  console.log(`${SOCKETS} sockets connected in ${fmt(performance.now() - t0)} ms`);

  const check = async (names: string[], label: string, started: number) => {
    const deadline = Date.now() + 120_000;
    const expected = names.length * SOCKETS;
    const got = () => perSocket.reduce((n, s) => n + names.filter((x) => s.has(x)).length, 0);
    while (got() < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const done = performance.now();
    const doubles = perSocket.reduce((n, s) => n + names.filter((x) => (s.get(x) ?? 0) > 1).length, 0);
    console.log(`${label}: ${got()}/${expected} messages, ${doubles} doubled, ${fmt((expected / (done - started)) * 1000)} messages/s`);
  };

  // Steady rate.
  latencies.length = 0;
  const steady: string[] = [];
  const start = performance.now();
  const writes: Promise<void>[] = [];
  for (let i = 0; i < RATE * SECONDS; i++) {
    const wait = start + (i * 1000) / RATE - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const name = `steady-${i}`;
    steady.push(name);
    writes.push(commitEvent(owner, name));
  }
  await Promise.all(writes);
  await check(steady, `steady ${RATE} events/s × ${SOCKETS} sockets`, start);
  const lat = latencies.slice().sort((a, b) => a - b);
  console.log(`  commit → message: p50 ${fmt(pct(lat, 50))} ms   p90 ${fmt(pct(lat, 90))} ms   p99 ${fmt(pct(lat, 99))} ms   max ${fmt(lat[lat.length - 1])} ms`);

  // Burst.
  latencies.length = 0;
  const burst = Array.from({ length: BURST }, (_, i) => `burst-${i}`);
  const b0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: 8 }, async () => { while (next < burst.length) await commitEvent(owner, burst[next++]); }));
  await check(burst, `burst of ${BURST} events × ${SOCKETS} sockets`, b0);
  const bl = latencies.slice().sort((a, b) => a - b);
  console.log(`  commit → message: p50 ${fmt(pct(bl, 50))} ms   p99 ${fmt(pct(bl, 99))} ms   max ${fmt(bl[bl.length - 1])} ms`);
  console.log(`total messages received: ${received}`);
  for (const s of sockets) s.close();
} finally {
  await cleanup();
}
