// The VPS page's disabled states say the same as requestAction's refusals.
import assert from "node:assert/strict";
import { test } from "node:test";
import { failedTerminate, openRequest, retryUnavailability, unavailability, type PageFacts } from "../../../lib/vps/actions/availability";
import type { VpsActionRequestView } from "../../../lib/vps/vps-actions";

const facts = (over: Partial<PageFacts> = {}): PageFacts => ({ status: "running", isOwner: true, deleted: false, open: null, ...over });
const req = (id: number, status: VpsActionRequestView["status"], action: VpsActionRequestView["action"] = "reboot") =>
  ({ id, action, status }) as VpsActionRequestView;

test("the owner of a running VPS with nothing in flight may reinstall and reset the password", () => {
  assert.equal(unavailability("reinstall", facts()), null);
  assert.equal(unavailability("reset_password", facts({ status: "stopped" })), null);
  assert.equal(unavailability("reinstall", facts({ status: "error" })), null);
});

test("each refusal has its reason, in the service's order", () => {
  assert.deepEqual(unavailability("reinstall", facts({ deleted: true, isOwner: false })), { reason: "deleted" });
  assert.deepEqual(unavailability("reinstall", facts({ isOwner: false })), { reason: "notOwner" });
  assert.deepEqual(unavailability("suspend", facts()), { reason: "notOwner" }, "billing actions are never the client's");
  assert.deepEqual(unavailability("reinstall", facts({ status: "suspended", open: { id: 4, action: "reboot" } })), { reason: "busy", action: "reboot", requestId: 4 });
  assert.deepEqual(unavailability("reset_password", facts({ status: "suspended" })), { reason: "suspended" });
  assert.deepEqual(unavailability("reset_password", facts({ status: "creating" })), { reason: "status", status: "creating" });
  assert.deepEqual(unavailability("reset_password", facts({ status: "error" })), { reason: "status", status: "error" });
});

test("the blocking request is the oldest open one", () => {
  assert.equal(openRequest([req(9, "completed"), req(8, "failed")]), null);
  assert.equal(openRequest([req(9, "in_progress"), req(7, "pending"), req(5, "completed")])?.id, 7);
});

test("retrying from the timeline: the owner retries client actions, an admin the billing ones", () => {
  const admin = (over: Partial<PageFacts> = {}) => ({ ...facts({ isOwner: false, ...over }), isAdmin: true });
  const owner = (over: Partial<PageFacts> = {}) => ({ ...facts(over), isAdmin: false });
  assert.equal(retryUnavailability("reboot", owner()), null);
  assert.deepEqual(retryUnavailability("reboot", admin()), { reason: "notOwner" }, "an admin does not act for the client");
  assert.deepEqual(retryUnavailability("terminate", owner({ status: "deleting" })), { reason: "notOwner" });
  // A failed terminate left the VPS deleting: an admin may ask again, even with a client request in flight.
  assert.equal(retryUnavailability("terminate", admin({ status: "deleting" })), null);
  assert.equal(retryUnavailability("terminate", admin({ status: "deleting", open: { id: 3, action: "reboot" } })), null);
  assert.deepEqual(retryUnavailability("terminate", admin({ status: "deleting", open: { id: 4, action: "terminate" } })), { reason: "busy", action: "terminate", requestId: 4 });
  assert.deepEqual(retryUnavailability("terminate", admin({ deleted: true })), { reason: "deleted" });
  assert.deepEqual(retryUnavailability("resume", admin({ status: "running" })), { reason: "status", status: "running" });
});

test("a terminate the main site failed is the one a deleting VPS is stuck on", () => {
  const failed = { ...req(5, "failed", "terminate"), message: "hypervisor offline" } as VpsActionRequestView;
  assert.equal(failedTerminate([req(9, "completed"), failed], "deleting")?.id, 5);
  assert.equal(failedTerminate([req(6, "expired", "terminate"), failed], "deleting")?.id, 6);
  assert.equal(failedTerminate([req(7, "pending", "terminate"), failed], "deleting"), null, "asked again: waiting");
  assert.equal(failedTerminate([failed], "running"), null, "no longer deleting (the sync pushed another status)");
  assert.equal(failedTerminate([req(9, "failed", "reboot")], "deleting"), null);
});
