import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { queryString } from "../../../lib/utils/query-string";

describe("queryString", () => {
  it("leaves out empty values and defaults, keeps order, encodes", () => {
    assert.equal(queryString({ q: "", role: undefined, per_page: 50, page: 1 }, { per_page: 50, page: 1 }), "");
    assert.equal(queryString({ q: "a b", role: "client", per_page: 50, page: 2 }, { per_page: 50, page: 1 }), "?q=a+b&role=client&page=2");
    assert.equal(queryString({ sort: "created", dir: "asc", per_page: 10 }, { sort: "created" }), "?dir=asc&per_page=10");
  });
});
