// The one error vocabulary: AppError's stable codes, the one zod-issue formatter (with the
// sync API's whole-message refusals), and the path-id schemas' 404 messages.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { z } from "zod";
import { AppError, codeForStatus, ERROR_CODES, validationFailed } from "../../../lib/errors";
import { bigintId, idParams } from "../../../lib/http/params";
import { syncBodySchema } from "../../../lib/vps/schemas";

const failure = (schema: z.ZodType, input: unknown) => {
  const parsed = schema.safeParse(input);
  assert.ok(!parsed.success, "expected a refusal");
  const e = validationFailed(parsed.error);
  return { status: e.status, code: e.code, message: e.message, details: e.details };
};

describe("AppError codes", () => {
  it("each status has its code unless the error names one", () => {
    assert.equal(new AppError(404, "x").code, "not_found");
    assert.equal(new AppError(429, "x").code, "rate_limited");
    assert.equal(new AppError(409, "x", undefined, "idempotency_conflict").code, "idempotency_conflict");
    assert.equal(codeForStatus(500), "internal");
    assert.equal(codeForStatus(418), "bad_request");
    for (const s of [400, 401, 403, 404, 405, 409, 413, 415, 422, 429, 500]) assert.ok(ERROR_CODES.includes(codeForStatus(s)), String(s));
  });
});

describe("validationFailed", () => {
  it("names each field: `Invalid request: field: message` and the errors list", () => {
    const schema = z.object({ name: z.string().min(1, "name must not be empty"), n: z.number({ error: "n must be a number" }) });
    assert.deepEqual(failure(schema, { name: "", n: "x" }), {
      status: 400,
      code: "validation_failed",
      message: "Invalid request: name: name must not be empty; n: n must be a number",
      details: { errors: [{ field: "name", message: "name must not be empty" }, { field: "n", message: "n must be a number" }] },
    });
  });

  it("keeps the sync API's first messages exactly (a whole-message refusal, no errors list)", () => {
    const cases: [unknown, string][] = [
      [[], "Request body must be a JSON object {action, vps}"],
      [{ vps: {} }, "Missing required fields: action"],
      [{ action: "create", vps: { name: "x", ram: 1, disk: 1, os: "x" } }, "Missing required fields: user_id, cpu"],
      [{ action: "delete", vps: {} }, "Missing required fields: id"],
      [{ action: "update", vps: { id: 1 } }, "Missing required fields: status (or any other field to change besides id)"],
      [{ action: "batch" }, "Missing required fields: items"],
      [{ action: "batch", items: [] }, "items must not be empty"],
    ];
    for (const [input, message] of cases) assert.deepEqual(failure(syncBodySchema, input), { status: 400, code: "validation_failed", message, details: undefined });
  });

  it("the sync API's bad values: `Invalid values: …` with the fields inside vps", () => {
    const create = { user_id: 5, name: "web", cpu: -1, ram: 8192, disk: 100, os: "Ubuntu" };
    assert.deepEqual(failure(syncBodySchema, { action: "create", vps: create }), {
      status: 400,
      code: "validation_failed",
      message: "Invalid values: cpu (cores) must be at least 1",
      details: { errors: [{ field: "cpu", message: "cpu (cores) must be at least 1" }] },
    });
  });
});

describe("path ids", () => {
  it("a positive int4 passes as a number; anything else is the resource's not-found message", () => {
    assert.deepEqual(idParams("Order").parse({ id: "0042" }), { id: 42 });
    for (const bad of ["0", "-1", "abc", "1.5", "1e3", "2147483648", ""]) {
      const r = idParams("Order").safeParse({ id: bad });
      assert.ok(!r.success, bad);
      assert.equal(r.error.issues[0]?.message, `Order ${bad} not found`);
    }
    assert.equal(idParams("Webhook", { echo: false }).safeParse({ id: "x" }).error?.issues[0]?.message, "Webhook not found");
    assert.equal(bigintId("Delivery").parse("9007199254740993"), 9007199254740993n);
    assert.equal(bigintId("Delivery").safeParse("0").error?.issues[0]?.message, "Delivery not found");
  });
});
