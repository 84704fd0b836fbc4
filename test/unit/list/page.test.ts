// Offset pages of every list (lib/list/page.ts): counts, clamping past the end.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fetchPage, pageCount, pageParam, perPageParam } from "../../../lib/list/page";

const rows = Array.from({ length: 7 }, (_, i) => i + 1);
const source = () => {
  const calls: [number, number][] = [];
  return {
    calls,
    count: async () => rows.length,
    fetch: async (skip: number, take: number) => {
      calls.push([skip, take]);
      return rows.slice(skip, skip + take);
    },
  };
};

describe("fetchPage", () => {
  it("returns the wanted page with its totals in one round", async () => {
    const s = source();
    assert.deepEqual(await fetchPage({ page: 2, perPage: 3 }, s.count, s.fetch), { items: [4, 5, 6], total: 7, page: 2, perPage: 3, pages: 3 });
    assert.deepEqual(s.calls, [[3, 3]]);
  });

  it("a page past the end shows the last page instead", async () => {
    const s = source();
    assert.deepEqual(await fetchPage({ page: 9, perPage: 3 }, s.count, s.fetch), { items: [7], total: 7, page: 3, perPage: 3, pages: 3 });
    assert.deepEqual(s.calls, [[24, 3], [6, 3]]);
  });

  it("an empty list is page 1 of 1", async () => {
    const r = await fetchPage({ page: 4, perPage: 50 }, async () => 0, async () => []);
    assert.deepEqual(r, { items: [], total: 0, page: 1, perPage: 50, pages: 1 });
    assert.equal(pageCount(100, 50), 2);
    assert.equal(pageCount(101, 50), 3);
  });

  it("page parameters: defaults, bounds", () => {
    assert.equal(pageParam.parse(undefined), 1);
    assert.equal(perPageParam.parse(undefined), 50);
    assert.equal(pageParam.parse("3"), 3);
    for (const bad of ["0", "-1", "abc", "1.5"]) assert.equal(pageParam.safeParse(bad).success, false, bad);
    assert.equal(perPageParam.safeParse("101").success, false);
  });
});
