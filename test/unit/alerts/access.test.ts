// Who sees which alert rules (lib/alerts/access.ts): a client their own only, an admin anyone's.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { alertRulesScope, alertRuleWhere } from "../../../lib/alerts/access";

const client = { userId: 5, role: "client" as const };
const admin = { userId: 1, role: "admin" as const };

describe("alert rule access", () => {
  it("a client's list and single rule are filtered to their own rules, whatever user_id they name", () => {
    assert.deepEqual(alertRulesScope(client), { userId: 5 });
    assert.deepEqual(alertRulesScope(client, 9), { userId: 5 });
    assert.deepEqual(alertRuleWhere(client, 3), { id: 3, userId: 5 });
  });
  it("an admin lists their own by default or the named user's, and reaches any rule", () => {
    assert.deepEqual(alertRulesScope(admin), { userId: 1 });
    assert.deepEqual(alertRulesScope(admin, 9), { userId: 9 });
    assert.deepEqual(alertRuleWhere(admin, 3), { id: 3 });
  });
});
