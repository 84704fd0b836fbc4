// The reference main site's reinstall and password reset: what it reports to the panel, in
// order, and the MAIN_SITE_FAIL_ACTIONS switch.
import assert from "node:assert/strict";
import { test } from "node:test";
import { failActionsFrom, SelfService } from "../../../../examples/main-site/src/actions-self-service";
import type { PanelClient } from "../../../../examples/main-site/src/panel-client";

function fakePanel() {
  const posts: { path: string; body: Record<string, unknown>; key: string }[] = [];
  const panel = { post: async (path: string, body: Record<string, unknown>, key: string) => (posts.push({ path, body, key }), {}) } as unknown as PanelClient;
  return { panel, posts };
}
const event = (action: string, params: Record<string, unknown> = {}) => ({ request_id: 7, action, params, vps: { id: 3, name: "web1" } });

test("reinstall reports 10, 40, 80 % then completed with a new password and the OS", async () => {
  const { panel, posts } = fakePanel();
  await new SelfService(panel, { stepMs: 0, failActions: [], log: () => {} }).handle("vps.action_requested", event("reinstall", { os: "Ubuntu 24.04", ssh_key_ids: [1] }));
  assert.deepEqual(posts.map((p) => p.path), Array(4).fill("/api/vps/actions/7"));
  assert.deepEqual(posts.slice(0, 3).map((p) => p.body.progress), [10, 40, 80]);
  const done = posts[3].body as { status: string; result: { root_password: string; os: string; ssh_keys_installed: number } };
  assert.equal(done.status, "completed");
  assert.match(done.result.root_password, /^[A-Za-z0-9_-]{20}$/);
  assert.equal(done.result.os, "Ubuntu 24.04");
  assert.equal(done.result.ssh_keys_installed, 1);
  assert.equal(new Set(posts.map((p) => p.key)).size, 4, "one idempotency key per step");
});

test("reset_password: 50 %, then completed with a password; other actions and events are not handled here", async () => {
  const { panel, posts } = fakePanel();
  const s = new SelfService(panel, { stepMs: 0, failActions: [], log: () => {} });
  await s.handle("vps.action_requested", event("reset_password"));
  assert.deepEqual(posts.map((p) => p.body.status), ["in_progress", "completed"]);
  posts.length = 0;
  await s.handle("vps.action_requested", event("reboot"));
  await s.handle("vps.created", event("reinstall"));
  assert.equal(posts.length, 0);
});

test("MAIN_SITE_FAIL_ACTIONS fails the named actions half-way with a reason", async () => {
  assert.deepEqual(failActionsFrom(" reinstall , reset_password,"), ["reinstall", "reset_password"]);
  const { panel, posts } = fakePanel();
  const s = new SelfService(panel, { stepMs: 0, failActions: ["reinstall"], log: () => {} });
  await s.handle("vps.action_requested", event("reinstall", { os: "Debian 12" }));
  assert.deepEqual(posts.map((p) => [p.body.status, p.body.progress]), [["in_progress", 10], ["failed", undefined]]);
  assert.match(String(posts[1].body.message), /storage is full/);
});

test("a webhook delivered twice while the first is at work starts nothing twice", async () => {
  const { panel, posts } = fakePanel();
  const s = new SelfService(panel, { stepMs: 20, failActions: [], log: () => {} });
  await Promise.all([s.handle("vps.action_requested", event("reset_password")), s.handle("vps.action_requested", event("reset_password"))]);
  assert.equal(posts.length, 2);
});
