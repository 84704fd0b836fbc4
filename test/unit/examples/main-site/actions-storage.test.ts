// The reference main site's storage work, against a recording stand-in for the panel: the
// order of its calls (progress, the list pushed, then completed), the failure switch, and
// the nightly backups.
import assert from "node:assert/strict";
import { test } from "node:test";
import { StorageActions } from "../../../../examples/main-site/src/actions-storage";
import type { PanelClient } from "../../../../examples/main-site/src/panel-client";

function recorder() {
  const calls: { path: string; body: Record<string, unknown>; key: string }[] = [];
  const panel = { post: async (path: string, body: Record<string, unknown>, key: string) => (calls.push({ path, body, key }), {}) } as unknown as PanelClient;
  return { calls, panel };
}
const opts = (failActions: string[] = []) => ({ stepMs: 0, failActions, autoBackups: true, log: () => {}, panelUrl: "http://127.0.0.1:1", apiKey: "k", now: () => new Date("2026-12-03T10:00:00Z") });
const vps = { id: 7, status: "running", disk: 40, ip_address: "203.0.113.7" };

test("snapshot_create: progress 10/45/80, the list pushed, then completed with the snapshot's id", async () => {
  const { calls, panel } = recorder();
  const s = new StorageActions(panel, opts());
  await s.handle("vps.action_requested", { request_id: 5, action: "snapshot_create", params: { name: "pre" }, vps });
  const steps = calls.map((c) => (c.path === "/api/vps/sync" ? "push" : String(c.body.status === "in_progress" ? c.body.progress : c.body.status)));
  // The first sighting of the VPS pushes its nightly backups before anything else.
  assert.deepEqual(steps, ["push", "10", "45", "80", "push", "completed"]);
  const push = calls.filter((c) => c.path === "/api/vps/sync")[1];
  const snaps = (push.body.vps as { snapshots: { id: string; name: string }[] }).snapshots;
  assert.deepEqual(snaps.map((x) => x.name), ["pre"]);
  const done = calls.at(-1)!;
  assert.deepEqual(done.body.result, { snapshot_id: snaps[0].id });
  assert.equal(done.key, "action-5-done");
});

test("STORAGE_FAIL_ACTIONS: failed after the first report, nothing pushed", async () => {
  const { calls, panel } = recorder();
  await new StorageActions(panel, opts(["set_rdns"])).handle("vps.action_requested", { request_id: 6, action: "set_rdns", params: { ip: vps.ip_address, hostname: "a.example.com" }, vps });
  assert.deepEqual(calls.map((c) => c.body.status ?? "push"), ["push", "in_progress", "failed"]);
  assert.match(String(calls[2].body.message), /simulated failure/);
});

test("set_rdns pushes every address it knows, the VPS's own included", async () => {
  const { calls, panel } = recorder();
  await new StorageActions(panel, opts()).handle("vps.action_requested", { request_id: 8, action: "set_rdns", params: { ip: "203.0.113.7", hostname: "mail.example.com" }, vps });
  const push = calls.filter((c) => c.path === "/api/vps/sync")[1];
  assert.deepEqual((push.body.vps as { rdns: unknown }).rdns, [{ ip: "203.0.113.7", hostname: "mail.example.com" }]);
});

test("a VPS seen for the first time gets two nightly backups of the last two nights, once", async () => {
  const { calls, panel } = recorder();
  const s = new StorageActions(panel, opts());
  await s.handle("vps.created", { vps });
  await s.handle("vps.updated", { vps });
  assert.equal(calls.length, 1);
  const backups = (calls[0].body.vps as { backups: { id: string; created_at: string; kind: string }[] }).backups;
  assert.deepEqual(backups.map((b) => [b.id, b.created_at, b.kind]), [
    ["auto-7-2026-12-03", "2026-12-03T03:00:00.000Z", "auto"],
    ["auto-7-2026-12-02", "2026-12-02T03:00:00.000Z", "auto"],
  ]);
  // A VPS still being built gets none.
  await s.handle("vps.created", { vps: { ...vps, id: 8, status: "creating" } });
  assert.equal(calls.length, 1);
});
