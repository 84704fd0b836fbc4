// The Coalescer: natural batching of concurrent calls, one group per free slot, keys apart.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Coalescer } from "../../../lib/utils/coalescer";

interface Item {
  key: string;
  n: number;
}

/** A coalescer whose groups finish only when the test says so. */
function harness(opts: { maxInFlight?: number; maxBatch?: number; fail?: (items: Item[]) => boolean } = {}) {
  const groups: { items: Item[]; finish: () => void }[] = [];
  const c = new Coalescer<Item, string>({
    maxInFlight: opts.maxInFlight ?? 1,
    maxBatch: opts.maxBatch ?? 10,
    key: (it) => it.key,
    run: (items) =>
      new Promise((resolve, reject) => {
        groups.push({
          items,
          finish: () => (opts.fail?.(items) ? reject(new Error(`failed ${items.map((i) => i.n).join(",")}`)) : resolve(items.map((i) => `done ${i.n}`))),
        });
      }),
  });
  return { c, groups };
}
const tick = () => new Promise((r) => setImmediate(r));

describe("Coalescer", () => {
  it("a lone call starts at once, in a group of its own", async () => {
    const { c, groups } = harness();
    const p = c.submit({ key: "a", n: 1 });
    assert.equal(groups.length, 1);
    assert.deepEqual(groups[0]!.items.map((i) => i.n), [1]);
    groups[0]!.finish();
    assert.equal(await p, "done 1");
  });

  it("calls that arrive while the slots are busy go together in the next group, each answered its own", async () => {
    const { c, groups } = harness();
    const first = c.submit({ key: "a", n: 1 });
    const rest = [2, 3, 4].map((n) => c.submit({ key: `k${n}`, n }));
    assert.equal(groups.length, 1, "no second group while the one slot is busy");
    groups[0]!.finish();
    await first;
    await tick();
    assert.deepEqual(groups[1]!.items.map((i) => i.n), [2, 3, 4]);
    groups[1]!.finish();
    assert.deepEqual(await Promise.all(rest), ["done 2", "done 3", "done 4"]);
    assert.deepEqual(c.stats, { groups: 2, items: 4 });
  });

  it("one key never twice in a group, nor beside its running group; its calls keep their order", async () => {
    const { c, groups } = harness({ maxInFlight: 2 });
    const a1 = c.submit({ key: "a", n: 1 }); // runs
    const a2 = c.submit({ key: "a", n: 2 }); // waits: a is running, though a slot is free
    const b3 = c.submit({ key: "b", n: 3 }); // takes the free slot
    const a4 = c.submit({ key: "a", n: 4 });
    assert.deepEqual(groups.map((g) => g.items.map((i) => i.n)), [[1], [3]]);
    groups[0]!.finish();
    await a1;
    await tick();
    assert.deepEqual(groups[2]!.items.map((i) => i.n), [2], "a2 alone: a4 must wait for it");
    groups[1]!.finish();
    groups[2]!.finish();
    await Promise.all([b3, a2]);
    await tick();
    assert.deepEqual(groups[3]!.items.map((i) => i.n), [4]);
    groups[3]!.finish();
    assert.equal(await a4, "done 4");
  });

  it("a group is at most maxBatch; the rest wait for the next one", async () => {
    const { c, groups } = harness({ maxBatch: 2 });
    const all = [1, 2, 3, 4, 5].map((n) => c.submit({ key: `k${n}`, n }));
    for (let g = 0; g < 3; g++) {
      await tick();
      groups[g]!.finish();
    }
    assert.deepEqual(await Promise.all(all), [1, 2, 3, 4, 5].map((n) => `done ${n}`));
    assert.deepEqual(groups.map((g) => g.items.map((i) => i.n)), [[1], [2, 3], [4, 5]]);
  });

  it("a failed group is run again one by one: only the call that fails gets the error", async () => {
    const { c, groups } = harness({ fail: (items) => items.some((i) => i.n === 3) });
    const first = c.submit({ key: "a", n: 1 });
    const rest = [2, 3, 4].map((n) => c.submit({ key: `k${n}`, n }).catch((e: Error) => e.message));
    groups[0]!.finish();
    await first;
    await tick();
    groups[1]!.finish(); // 2,3,4 together: fails
    for (let g = 2; g < 5; g++) {
      await tick();
      groups[g]!.finish();
    }
    assert.deepEqual(await Promise.all(rest), ["done 2", "failed 3", "done 4"]);
    assert.deepEqual(groups.slice(2).map((g) => g.items.map((i) => i.n)), [[2], [3], [4]]);
  });
});
