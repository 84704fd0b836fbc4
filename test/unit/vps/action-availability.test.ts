// The VPS page's disabled states say the same as requestAction's refusals.
import assert from "node:assert/strict";
import { test } from "node:test";
import { openRequest, unavailability, type PageFacts } from "../../../lib/vps/actions/availability";
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
