// The outbox cursor's pure part (lib/events/cursor.ts): what a read takes, which ids become
// gaps, when a gap is given up, the cap, and the stored form.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { advanceCursor, decodeGaps, encodeGaps, type CursorState } from "../../../lib/events/cursor";

const opts = { gapTtlMs: 1000, maxGaps: 5 };
const state = (position: number, gaps: [number, number][] = []): CursorState => ({
  position: BigInt(position),
  gaps: new Map(gaps.map(([id, until]) => [BigInt(id), until])),
});
const ids = (...xs: number[]) => xs.map(BigInt);
const gapsOf = (s: CursorState) => [...s.gaps.entries()].map(([id, until]) => [Number(id), until]).sort((a, b) => a[0] - b[0]);

describe("advanceCursor", () => {
  it("takes every new id in order and moves the position to the highest", () => {
    const a = advanceCursor(state(10), ids(13, 11, 12), 0, opts);
    assert.deepEqual(a.take, ids(11, 12, 13));
    assert.equal(a.next.position, 13n);
    assert.equal(a.next.gaps.size, 0);
    assert.equal(a.changed, true);
  });

  it("nothing read, nothing due: unchanged (no write)", () => {
    const a = advanceCursor(state(10, [[8, 5000]]), [], 100, opts);
    assert.equal(a.changed, false);
    assert.deepEqual(a.take, []);
    assert.deepEqual(gapsOf(a.next), [[8, 5000]]);
  });

  it("ids missing below the highest become gaps with a deadline; one appearing later is taken once", () => {
    // 12 and 14 committed before 11 and 13.
    const first = advanceCursor(state(10), ids(12, 14), 100, opts);
    assert.deepEqual(first.take, ids(12, 14));
    assert.equal(first.next.position, 14n);
    assert.deepEqual(gapsOf(first.next), [
      [11, 1100],
      [13, 1100],
    ]);
    // 13 commits: the next read finds it among the gaps (and 15, new).
    const second = advanceCursor(first.next, ids(13, 15), 200, opts);
    assert.deepEqual(second.take, ids(13, 15));
    assert.deepEqual(gapsOf(second.next), [[11, 1100]]);
    // Read again (a stale reader would hand the same rows back): nothing is taken twice.
    const third = advanceCursor(second.next, ids(13, 14, 15), 300, opts);
    assert.deepEqual(third.take, []);
    assert.equal(third.changed, false);
  });

  it("a gap is given up when its time to live has passed, not before", () => {
    const s = state(14, [
      [11, 1100],
      [13, 1500],
    ]);
    const early = advanceCursor(s, [], 1099, opts);
    assert.equal(early.changed, false);
    const due = advanceCursor(s, [], 1100, opts);
    assert.deepEqual(due.expired, ids(11));
    assert.deepEqual(gapsOf(due.next), [[13, 1500]]);
    assert.equal(due.changed, true);
    assert.equal(due.next.position, 14n);
    // Once given up it is never taken, even if the row turns up afterwards.
    const late = advanceCursor(due.next, ids(11), 1200, opts);
    assert.deepEqual(late.take, []);
  });

  it("keeps at most maxGaps, giving the lowest ids up first", () => {
    const a = advanceCursor(state(0), ids(4, 9), 0, opts); // gaps 1,2,3,5,6,7,8: seven
    assert.deepEqual(a.dropped, ids(1, 2));
    assert.deepEqual(
      gapsOf(a.next).map(([id]) => id),
      [3, 5, 6, 7, 8],
    );
  });

  it("a jump far past the cap does not build a gap per missing id", () => {
    const a = advanceCursor(state(0), ids(1_000_000_000), 0, opts);
    assert.equal(a.next.position, 1_000_000_000n);
    assert.deepEqual(
      gapsOf(a.next).map(([id]) => id),
      [999_999_995, 999_999_996, 999_999_997, 999_999_998, 999_999_999],
    );
  });

  it("does not change the state it was given", () => {
    const s = state(10, [[9, 1000]]);
    advanceCursor(s, ids(9, 12), 2000, opts);
    assert.equal(s.position, 10n);
    assert.deepEqual(gapsOf(s), [[9, 1000]]);
  });
});

describe("stored gaps", () => {
  it("round-trip through their JSON form, from text or from a parsed jsonb value", () => {
    const g = new Map([
      [9007199254740993n, 1733222400000],
      [5n, 1],
    ]);
    const text = encodeGaps(g);
    assert.deepEqual(decodeGaps(text), g);
    assert.deepEqual(decodeGaps(JSON.parse(text)), g);
    assert.deepEqual(decodeGaps({}), new Map());
  });
});
