// Sync batches vs single calls: 10,000 status updates sent as POST /api/vps/sync batches of
// 500 items and, in the same run against the same panel and VPS, as 10,000 single calls.
// Prints updates/s for each and the ratio. Rounds alternate which goes first, so that
// background load on a shared machine hits both alike.
//   npx tsx bench/sync-batch.ts [--n=10000] [--batch=500] [--concurrency=12] [--batch-concurrency=4] [--rounds=2]
import { startPanel, TEST_SYNC_KEY } from "../test/support/panel";
import { fmt, intArg, load, type LoadResult, type Req } from "./support";

const N = intArg("n", 10_000);
const BATCH = intArg("batch", 500);
const CONCURRENCY = intArg("concurrency", 12);
const BATCH_CONCURRENCY = intArg("batch-concurrency", 4);
const ROUNDS = intArg("rounds", 2);

const headers = { "content-type": "application/json", "x-api-key": TEST_SYNC_KEY };
const post = (body: unknown): Req => ({ method: "POST", path: "/api/vps/sync", headers, body: JSON.stringify(body) });
const status = (round: number, i: number) => ((round + i) % 2 ? "stopped" : "running");

function chunks<T>(xs: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, (i + 1) * size));
}

async function main() {
  console.log(`sync batch: ${N} updates as batches of ${BATCH} vs ${N} single calls, PostgreSQL, production build`);
  const panel = await startPanel({ demoData: false, env: { LOG_LEVEL: "error" } });
  try {
    const user = await fetch(`${panel.url}/api/users/sync`, { method: "POST", headers, body: JSON.stringify({ email: "bench@example.com" }) });
    const userId = (await user.json()).user.id as number;
    const ids: number[] = [];
    const creates = chunks(Array.from({ length: N }, (_, i) => i), BATCH).map((part) =>
      post({ action: "batch", items: part.map((i) => ({ action: "create", vps: { user_id: userId, name: `bench-${i}`, cpu: 2, ram: 2048, disk: 40, os: "Debian 12" } })) }),
    );
    await load(panel.url, creates, 2, (_, s, b) => {
      if (s === 200) for (const r of JSON.parse(b).results) if (r.status === 201) ids.push(r.vps.id);
    });
    if (ids.length !== N) throw new Error(`created ${ids.length} of ${N} VPS`);

    const singles = (round: number) => ids.map((id, i) => post({ action: "update", vps: { id, status: status(round, i) } }));
    const batches = (round: number) =>
      chunks(ids.map((id, i) => ({ action: "update", vps: { id, status: status(round, i) } })), BATCH).map((items) => post({ action: "batch", items }));
    let itemErrors = 0;
    const countItemErrors = (_: number, s: number, b: string) => {
      if (s === 200) itemErrors += JSON.parse(b).results.filter((r: { status: number }) => r.status !== 200).length;
    };

    // Warm-up, not measured.
    await load(panel.url, singles(0).slice(0, 500), CONCURRENCY);
    await load(panel.url, batches(1).slice(0, 2), 1);

    const runs: { single: LoadResult; batch1: LoadResult; batchN: LoadResult }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Every phase changes every VPS's status (each round flips them), so each update writes.
      const r: Partial<(typeof runs)[number]> = {};
      const phases: [keyof (typeof runs)[number], () => Promise<LoadResult>][] = [
        ["single", () => load(panel.url, singles(round * 3), CONCURRENCY)],
        ["batch1", () => load(panel.url, batches(round * 3 + 1), 1, countItemErrors)],
        ["batchN", () => load(panel.url, batches(round * 3 + 2), BATCH_CONCURRENCY, countItemErrors)],
      ];
      if (round % 2) phases.reverse();
      for (const [k, run] of phases) r[k] = await run();
      runs.push(r as (typeof runs)[number]);
      const ups = (x: LoadResult, per: number) => (x.requests * per) / x.seconds;
      console.log(
        `round ${round + 1}: single calls ${fmt(ups(r.single!, 1), 0)} updates/s (${fmt(r.single!.seconds, 1)} s, p50 ${fmt(r.single!.p50, 1)} ms) | ` +
          `batches, 1 in flight ${fmt(ups(r.batch1!, BATCH), 0)} updates/s (${fmt(r.batch1!.seconds, 1)} s, ${fmt(r.batch1!.p50, 0)} ms a batch) | ` +
          `batches, ${BATCH_CONCURRENCY} in flight ${fmt(ups(r.batchN!, BATCH), 0)} updates/s (${fmt(r.batchN!.seconds, 1)} s)`,
      );
    }
    const best = (k: "single" | "batch1" | "batchN") => Math.min(...runs.map((r) => r[k].seconds));
    console.log("");
    console.log(`${N} updates, best of ${ROUNDS} rounds:`);
    console.log(`  single calls (concurrency ${CONCURRENCY})          ${fmt(best("single"), 1).padStart(6)} s  ${fmt(N / best("single"), 0).padStart(6)} updates/s`);
    console.log(`  batches of ${BATCH}, 1 in flight                  ${fmt(best("batch1"), 1).padStart(6)} s  ${fmt(N / best("batch1"), 0).padStart(6)} updates/s  (x${fmt(best("single") / best("batch1"), 2)})`);
    console.log(`  batches of ${BATCH}, ${BATCH_CONCURRENCY} in flight                  ${fmt(best("batchN"), 1).padStart(6)} s  ${fmt(N / best("batchN"), 0).padStart(6)} updates/s  (x${fmt(best("single") / best("batchN"), 2)})`);
    const httpErrors = runs.reduce((n, r) => n + r.single.errors + r.batch1.errors + r.batchN.errors, 0);
    if (httpErrors || itemErrors) console.log(`errors: ${httpErrors} requests, ${itemErrors} batch items`);
  } finally {
    await panel.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
