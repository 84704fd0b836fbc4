// Who sees which VPS (lib/vps/access.ts): the owner's list, the admin list, one VPS by id.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { thrownStatus } from "../../support/app-error";
import { readableVpsWhere, readsEveryVps, vpsListScope } from "../../../lib/vps/access";

const client = { userId: 7, role: "client" as const };
const admin = { userId: 1, role: "admin" as const };

const statusOf = thrownStatus;

describe("VPS list scopes", () => {
  it("an owner's list holds only their own, undeleted VPS — admins included", () => {
    assert.deepEqual(vpsListScope(client, "owner"), { userId: 7, deletedAt: null });
    // An admin's own dashboard is their own VPS too, not everyone's.
    assert.deepEqual(vpsListScope(admin, "owner"), { userId: 1, deletedAt: null });
  });

  it("the admin list holds every undeleted VPS and refuses anyone else with 403", () => {
    assert.deepEqual(vpsListScope(admin, "admin"), { deletedAt: null });
    assert.equal(statusOf(() => vpsListScope(client, "admin")), 403);
    assert.equal(statusOf(() => vpsListScope({ ...client, tokenId: 3, scopes: ["vps:read"] }, "admin")), 403);
  });
});

describe("one VPS by id", () => {
  it("a client reads only their own; an admin reads any; nobody reads a deleted one", () => {
    assert.deepEqual(readableVpsWhere(client, 42), { id: 42, deletedAt: null, userId: 7 });
    assert.deepEqual(readableVpsWhere(admin, 42), { id: 42, deletedAt: null });
    assert.equal(readsEveryVps(admin), true);
    assert.equal(readsEveryVps(client), false);
  });
});
