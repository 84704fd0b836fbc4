// What the inbound log keeps of a call: the ids it names, and a message with every secret
// the call carried (key header, bearer token, password fields, BILLmanager --password= args)
// cut out.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { factsOf, MESSAGE_MAX, redact, secretsOf } from "../../../lib/inbound-log/describe-call";

describe("inbound log: facts of a call", () => {
  it("reads the sync action, VPS id and external id", () => {
    assert.deepEqual(factsOf({ body: { action: "update", vps: { id: "24", external_id: "srv-7" } }, params: {} }), {
      action: "update",
      vpsId: 24,
      externalId: "srv-7",
    });
  });
  it("reads BILLmanager's action from the path and its service id from the --id= arg", () => {
    assert.deepEqual(factsOf({ body: { arg: ["--id=91", "--password=x y"] }, params: { action: "suspend" } }), {
      action: "suspend",
      vpsId: null,
      externalId: "91",
    });
  });
  it("reads the Bitrix command and task id; anything else is null", () => {
    assert.deepEqual(factsOf({ body: undefined, params: { command: "order_status" }, query: { task_id: "17" } }), {
      action: "order_status",
      vpsId: null,
      externalId: "17",
    });
    assert.deepEqual(factsOf({ body: "garbage", params: {} }), { action: null, vpsId: null, externalId: null });
    assert.equal(factsOf({ body: { vps: { id: -3 } }, params: {} }).vpsId, null);
  });
});

describe("inbound log: redaction", () => {
  const headers = new Headers({ "x-api-key": "key-0123456789abcdef0123456789abcdef", authorization: "Bearer osp_tok_secret" });
  const body = {
    email: "a@example.com",
    password: "Xy7!kq",
    vps: { root_password: "root pw 1", name: "web-1" },
    items: [{ vps: { api_token: "nested-token" } }],
    arg: ["--id=5", "--password=bm pass", "--user=alice"],
  };
  const secrets = secretsOf(body, headers);

  it("collects the key, the token and every password-like field, nested and in args", () => {
    for (const s of ["key-0123456789abcdef0123456789abcdef", "osp_tok_secret", "Xy7!kq", "root pw 1", "nested-token", "bm pass"])
      assert.ok(secrets.includes(s), s);
    assert.ok(!secrets.includes("web-1") && !secrets.includes("alice") && !secrets.includes("a@example.com"));
  });
  it("cuts every secret out of a message and keeps the rest", () => {
    const text = redact("user a@example.com: password Xy7!kq too short; root pw 1; key key-0123456789abcdef0123456789abcdef", secrets);
    assert.equal(text, "user a@example.com: password [redacted] too short; [redacted]; key [redacted]");
  });
  it("bounds the message to one line", () => {
    const text = redact(`a\n${"x".repeat(2000)}`, []);
    assert.ok(text && text.length === MESSAGE_MAX && !text.includes("\n"));
    assert.equal(redact(undefined, secrets), null);
  });
});
