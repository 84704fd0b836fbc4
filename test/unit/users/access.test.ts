// The admin-only rule every admin read applies (lib/users/access.ts).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { thrownStatus } from "../../support/app-error";
import { assertAdmin, isAdmin } from "../../../lib/users/access";

const status = thrownStatus;

describe("assertAdmin", () => {
  it("lets only administrators through: 401 without an actor, 403 for a client", () => {
    assert.equal(status(() => assertAdmin({ userId: 1, role: "admin" })), 0);
    assert.equal(status(() => assertAdmin({ userId: 1, role: "admin", tokenId: 3, scopes: ["webhooks:manage"] })), 0);
    assert.equal(status(() => assertAdmin({ userId: 2, role: "client" })), 403);
    assert.equal(status(() => assertAdmin(null)), 401);
    assert.equal(status(() => assertAdmin(undefined)), 401);
  });
  it("isAdmin agrees", () => {
    assert.equal(isAdmin({ userId: 1, role: "admin" }), true);
    assert.equal(isAdmin({ userId: 1, role: "client" }), false);
    assert.equal(isAdmin(null), false);
  });
});
