// Admin list parameters (lib/admin/list-params.ts): strict for the API, lenient for pages.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { adminVpsQuerySchema, parseLenient } from "../../../lib/admin/list-params";

describe("admin list parameters", () => {
  it("strict for the API, forgiving for pages", () => {
    assert.ok(!adminVpsQuerySchema.safeParse({ page: "0" }).success);
    assert.ok(!adminVpsQuerySchema.safeParse({ per_page: "101" }).success);
    const q = parseLenient(adminVpsQuerySchema, { page: "-2", per_page: "abc", status: "nope", sort: "name", q: " web " });
    assert.deepEqual(q, { q: "web", status: undefined, owner: undefined, sort: "name", dir: undefined, page: 1, per_page: 50 });
  });
});
