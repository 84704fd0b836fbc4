// The inbound log's write-behind queue: batches by time and by size, one write at a time,
// a cap with counted drops reported once per interval, failed writes counted, flush.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BatchQueue } from "../../../lib/inbound-log/batch-queue";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function recorder(delayMs = 0) {
  const batches: number[][] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const write = async (rows: number[]) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await sleep(delayMs);
    batches.push(rows);
    inFlight--;
  };
  return { batches, write, maxInFlight: () => maxInFlight };
}

describe("BatchQueue", () => {
  it("writes a partial batch after the interval, not before", async () => {
    const writes: { at: number; rows: number[] }[] = [];
    const q = new BatchQueue<number>({ write: async (rows) => void writes.push({ at: performance.now(), rows }), intervalMs: 40, maxBatch: 100 });
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) q.push(i);
    assert.equal(writes.length, 0);
    while (writes.length === 0) await sleep(5);
    assert.ok(writes[0].at - t0 >= 39, `written after ${writes[0].at - t0} ms`);
    assert.deepEqual(writes.map((w) => w.rows), [[0, 1, 2, 3, 4]]);
    assert.equal(q.written, 5);
  });

  it("a full batch goes at once (long before the interval); one write at a time; rows keep their order", async () => {
    const r = recorder(5);
    const q = new BatchQueue<number>({ write: r.write, intervalMs: 60_000, maxBatch: 10 });
    const t0 = performance.now();
    for (let i = 0; i < 35; i++) q.push(i);
    while (r.batches.length < 3) await sleep(5);
    assert.ok(performance.now() - t0 < 30_000);
    assert.deepEqual(r.batches.map((b) => b.length), [10, 10, 10]);
    assert.equal(q.pending, 5, "the partial rest waits for the interval");
    assert.equal(r.maxInFlight(), 1);
    await q.flush();
    assert.deepEqual(r.batches.flat(), Array.from({ length: 35 }, (_, i) => i));
    assert.equal(q.pending, 0);
  });

  it("beyond maxPending rows are dropped, counted and reported once, not per row", async () => {
    const drops: [number, string][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const q = new BatchQueue<number>({ write: () => gate, intervalMs: 20, warnEveryMs: 20, maxBatch: 10, maxPending: 50, onDrop: (n, why) => drops.push([n, why]) });
    let accepted = 0;
    for (let i = 0; i < 200; i++) if (q.push(i)) accepted++;
    // 10 went into the (stuck) write, 50 wait, the rest was dropped.
    assert.equal(accepted, 60);
    assert.equal(q.dropped, 140);
    while (drops.length === 0) await sleep(5);
    assert.deepEqual(drops, [[140, "full"]]);
    release();
    await q.flush();
    assert.equal(q.written, 60);
  });

  it("a failed write drops its rows with a report; later rows are still written", async () => {
    const drops: [number, string][] = [];
    let fail = true;
    const written: number[] = [];
    const q = new BatchQueue<number>({
      write: async (rows) => {
        if (fail) throw new Error("db down");
        written.push(...rows);
      },
      intervalMs: 5,
      onDrop: (n, why) => drops.push([n, why]),
    });
    q.push(1);
    q.push(2);
    await q.flush();
    fail = false;
    q.push(3);
    await q.flush();
    assert.deepEqual(drops, [[2, "failed"]]);
    assert.deepEqual(written, [3]);
    assert.equal(q.dropped, 2);
  });
});
