// The self-service actions' params (PRODUCT.md §9) as POST /api/vps/:id/actions parses them.
import assert from "node:assert/strict";
import { test } from "node:test";
import { actionInputSchema } from "../../../../lib/vps/actions/params";

const parse = (v: unknown) => actionInputSchema.safeParse(v);
const ok = (v: unknown) => {
  const r = parse(v);
  assert.ok(r.success, JSON.stringify(r.error?.issues));
  return r.data;
};
const bad = (v: unknown, message?: RegExp) => {
  const r = parse(v);
  assert.ok(!r.success, `accepted ${JSON.stringify(v)}`);
  if (message) assert.match(r.error.issues.map((i) => i.message).join("; "), message);
};

test("set_rdns: a fully qualified hostname (validator's isFQDN), stored lower case without the root dot", () => {
  assert.deepEqual(ok({ action: "set_rdns", ip: "203.0.113.10", hostname: "Mail.Example.COM." }), { action: "set_rdns", ip: "203.0.113.10", hostname: "mail.example.com" });
  ok({ action: "set_rdns", ip: "2001:db8::1", hostname: "v6.example.net" });
  for (const hostname of ["localhost", "-bad.example.com", "bad-.example.com", "under_score.example.com", "exa mple.com", "example.123", "a..b.com", `${"a".repeat(64)}.example.com`, ""])
    bad({ action: "set_rdns", ip: "203.0.113.10", hostname }, /hostname/);
  bad({ action: "set_rdns", ip: "203.0.113.300", hostname: "mail.example.com" }, /ip must be an IP address/);
  bad({ action: "set_rdns", ip: "203.0.113.10" });
  bad({ action: "set_rdns", ip: "203.0.113.10", hostname: "mail.example.com", ttl: 60 });
});

test("snapshots and backups: a name to create, an id to restore or delete", () => {
  ok({ action: "snapshot_create", name: "before upgrade" });
  bad({ action: "snapshot_create", name: "  " }, /name is required/);
  bad({ action: "snapshot_create", name: "x".repeat(64) });
  bad({ action: "snapshot_create" });
  ok({ action: "snapshot_restore", snapshot_id: "snap-1" });
  ok({ action: "snapshot_delete", snapshot_id: 7 });
  bad({ action: "snapshot_restore" }, /snapshot_id is required/);
  bad({ action: "snapshot_delete", snapshot_id: -1 });
  ok({ action: "backup_restore", backup_id: "auto-2026-12-02" });
  bad({ action: "backup_restore", backup_id: "" });
  bad({ action: "backup_restore", snapshot_id: "x" });
});

test("reinstall: optional ssh_key_ids, positive whole numbers, at most 20", () => {
  assert.deepEqual(ok({ action: "reinstall", os: "Debian 12", confirm: "web", ssh_key_ids: [1, 2] }).action, "reinstall");
  ok({ action: "reinstall", os: "Debian 12", confirm: "web" });
  bad({ action: "reinstall", os: "Debian 12", confirm: "web", ssh_key_ids: ["1"] });
  bad({ action: "reinstall", os: "Debian 12", confirm: "web", ssh_key_ids: [0] });
  bad({ action: "reinstall", os: "Debian 12", confirm: "web", ssh_key_ids: Array.from({ length: 21 }, (_, i) => i + 1) });
});
