// The comparison behind the schema-match test reports every kind of difference, so that
// test can fail (and says why).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compareCatalogs, type Catalog } from "../../support/catalog";

function catalog(): Catalog {
  return {
    tables: { users: {}, vps: {} },
    columns: {
      "users.id": { type: "integer", udt: "int4", nullable: false, default: "nextval('users_id_seq'::regclass)" },
      "vps.name": { type: "text", udt: "text", nullable: false, default: null },
      "vps.status": { type: "USER-DEFINED", udt: "VpsStatus", nullable: false, default: "'creating'::\"VpsStatus\"" },
      "vps.tags": { type: "ARRAY", udt: "_text", nullable: true, default: null },
    },
    enums: { VpsStatus: { labels: "creating, running" } },
    indexes: { "vps.vps_name_idx": { columns: "name", unique: false, primary: false, definition: "CREATE INDEX vps_name_idx ON public.vps USING btree (name)" } },
    primaryKeys: { "vps.vps_pkey": { columns: "id" } },
    foreignKeys: { "vps.vps_user_id_fkey": { columns: "user_id", references: "users(id)", onDelete: "RESTRICT", onUpdate: "CASCADE" } },
    constraints: {},
  };
}

describe("compareCatalogs", () => {
  it("finds nothing between equal catalogs", () => {
    assert.deepEqual(compareCatalogs(catalog(), catalog()), []);
  });

  it("reports a missing column, naming table and column", () => {
    const actual = catalog();
    delete actual.columns["vps.name"];
    const diff = compareCatalogs(catalog(), actual);
    assert.equal(diff.length, 1);
    assert.match(diff[0], /^columns vps\.name: missing from the migrated database/);
  });

  it("reports changed nullability, type, array element type, default, enum labels, index, and FK action", () => {
    const actual = catalog();
    actual.columns["vps.name"] = { ...actual.columns["vps.name"], nullable: true };
    actual.columns["users.id"] = { ...actual.columns["users.id"], type: "bigint", udt: "int8" };
    actual.columns["vps.tags"] = { ...actual.columns["vps.tags"], udt: "_int4" };
    actual.columns["vps.status"] = { ...actual.columns["vps.status"], default: null };
    actual.enums.VpsStatus = { labels: "creating, running, error" };
    actual.indexes["vps.vps_name_idx"] = { ...actual.indexes["vps.vps_name_idx"], unique: true };
    actual.foreignKeys["vps.vps_user_id_fkey"] = { ...actual.foreignKeys["vps.vps_user_id_fkey"], onDelete: "CASCADE" };
    actual.tables.extra = {};
    const diff = compareCatalogs(catalog(), actual);
    const expectLine = (re: RegExp) => assert.ok(diff.some((l) => re.test(l)), `no line matches ${re}:\n${diff.join("\n")}`);
    expectLine(/^columns vps\.name: nullable is true in the migrated database, false in schema\.prisma$/);
    expectLine(/^columns users\.id: type is "bigint"/);
    expectLine(/^columns users\.id: udt is "int8"/);
    expectLine(/^columns vps\.tags: udt is "_int4" in the migrated database, "_text" in schema\.prisma$/);
    expectLine(/^columns vps\.status: default is null/);
    expectLine(/^enums VpsStatus: labels is "creating, running, error"/);
    expectLine(/^indexes vps\.vps_name_idx: unique is true/);
    expectLine(/^foreignKeys vps\.vps_user_id_fkey: onDelete is "CASCADE" in the migrated database, "RESTRICT" in schema\.prisma$/);
    expectLine(/^tables extra: in the migrated database .* but not in schema\.prisma$/);
    assert.equal(diff.length, 9);
  });
});
