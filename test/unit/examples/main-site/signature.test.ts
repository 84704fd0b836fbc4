// The reference main site's seed-style webhook signature check (examples/main-site/src/signature.ts).
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { describe, it } from "node:test";
import { verifySignature } from "../../../../examples/main-site/src/signature";

describe("main site: webhook signature", () => {
  const secret = "whsec-demo";
  const body = Buffer.from('{"order_id": 5, "plan": {"code": "vps-pro"}}');
  const good = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

  it("accepts the HMAC of the exact bytes and nothing else", () => {
    assert.equal(verifySignature(secret, body, good), true);
    assert.equal(verifySignature(secret, Buffer.from('{"order_id":5,"plan":{"code":"vps-pro"}}'), good), false, "re-serialised JSON differs");
    assert.equal(verifySignature("other", body, good), false);
    assert.equal(verifySignature(secret, body, good.toUpperCase()), false);
    assert.equal(verifySignature(secret, body, undefined), false);
    assert.equal(verifySignature(secret, body, "sha256="), false);
  });
});
