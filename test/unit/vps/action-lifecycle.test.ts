import assert from "node:assert/strict";
import { test } from "node:test";
import { ACTION_TYPES, ACTIONS, actionTtlMs, LONG_TTL_MS, SHORT_TTL_MS } from "../../../lib/vps/actions/catalogue";
import { clampProgress, transition } from "../../../lib/vps/actions/lifecycle";
import { actionInputSchema, actionReportSchema, splitResult } from "../../../lib/vps/actions/params";

test("pending → in_progress → completed applies; completed again is a no-op", () => {
  assert.deepEqual(transition("pending", { kind: "report", status: "in_progress" }), { kind: "apply", status: "in_progress", final: false });
  assert.deepEqual(transition("in_progress", { kind: "report", status: "in_progress" }), { kind: "apply", status: "in_progress", final: false });
  assert.deepEqual(transition("in_progress", { kind: "report", status: "completed" }), { kind: "apply", status: "completed", final: true });
  assert.deepEqual(transition("completed", { kind: "report", status: "completed" }), { kind: "noop" });
  assert.deepEqual(transition("failed", { kind: "report", status: "failed" }), { kind: "noop" });
});

test("a different state after the end is a conflict", () => {
  assert.equal(transition("completed", { kind: "report", status: "failed" }).kind, "conflict");
  assert.equal(transition("completed", { kind: "report", status: "in_progress" }).kind, "conflict");
  assert.equal(transition("expired", { kind: "report", status: "completed" }).kind, "conflict");
  assert.equal(transition("cancelled", { kind: "report", status: "in_progress" }).kind, "conflict");
  assert.equal(transition("completed", { kind: "expire" }).kind, "conflict");
});

test("cancel works on pending only; expiry on any open request", () => {
  assert.deepEqual(transition("pending", { kind: "cancel" }), { kind: "apply", status: "cancelled", final: true });
  assert.equal(transition("in_progress", { kind: "cancel" }).kind, "conflict");
  assert.equal(transition("cancelled", { kind: "cancel" }).kind, "conflict");
  assert.deepEqual(transition("in_progress", { kind: "expire" }), { kind: "apply", status: "expired", final: true });
  assert.deepEqual(transition("pending", { kind: "expire" }), { kind: "apply", status: "expired", final: true });
});

test("expiry: power and rename 30 min, others 6 h; BILLmanager actions are machine-only", () => {
  for (const a of ["start", "stop", "reboot", "rename"] as const) assert.equal(actionTtlMs(a), SHORT_TTL_MS);
  for (const a of ACTION_TYPES.filter((a) => !["start", "stop", "reboot", "rename"].includes(a))) assert.equal(actionTtlMs(a), LONG_TTL_MS);
  assert.deepEqual(ACTION_TYPES.filter((a) => ACTIONS[a].origin === "machine"), ["suspend", "resume", "terminate", "resize"]);
});

test("params: each action's schema", () => {
  assert.ok(actionInputSchema.safeParse({ action: "resize", cpu: 2, ram: 4096, disk: 40 }).success);
  assert.ok(!actionInputSchema.safeParse({ action: "resize", cpu: 2, ram: 4, disk: 40 }).success, "RAM in GB refused");
  assert.ok(!actionInputSchema.safeParse({ action: "rename" }).success);
  assert.ok(!actionInputSchema.safeParse({ action: "format_disk" }).success);
  assert.ok(!actionInputSchema.safeParse({ action: "start", extra: 1 }).success);
  assert.ok(actionInputSchema.safeParse({ action: "set_rdns", ip: "203.0.113.10", hostname: "mail.example.com" }).success);
  assert.ok(!actionInputSchema.safeParse({ action: "set_rdns", ip: "x", hostname: "mail.example.com" }).success);
  assert.ok(!actionReportSchema.safeParse({ status: "failed" }).success, "a failure says why");
  assert.ok(!actionReportSchema.safeParse({ status: "in_progress", progress: 101 }).success);
  assert.ok(!actionReportSchema.safeParse({ status: "expired" }).success, "the main site cannot expire a request");
});

test("results: secrets split off; progress clamped", () => {
  assert.deepEqual(splitResult({ root_password: "s3cret", os: "debian" }), { open: { os: "debian" }, secret: { root_password: "s3cret" } });
  assert.deepEqual(splitResult({ os: "debian" }), { open: { os: "debian" }, secret: null });
  assert.equal(clampProgress("completed", 40), 100);
  assert.equal(clampProgress("in_progress", 40.4), 40);
  assert.equal(clampProgress("pending", null), null);
});
