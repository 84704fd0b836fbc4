// Delivery signatures: the seed's X-Webhook-Signature (verified here the way the seed's
// Python receiver does) and the Standard Webhooks headers, including secret rotation.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { describe, it } from "node:test";
import { pythonJsonDumps } from "../../../lib/webhooks/serialize";
import { deliveryHeaders, hexSignature } from "../../../lib/webhooks/signature";

const SEED_VERIFY = `
import hmac, hashlib, json, sys
def verify_signature(payload, signature, secret):
    payload_json = json.dumps(payload, sort_keys=True)
    expected = hmac.new(secret.encode(), payload_json.encode(), hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature.replace('sha256=', ''))
body, signature, secret = sys.argv[1], sys.argv[2], sys.argv[3]
print("ok" if verify_signature(json.loads(body), signature, secret) else "bad")
`;

function seedVerifies(body: string, signature: string, secret: string): boolean {
  const r = spawnSync("python3", ["-c", SEED_VERIFY, body, signature, secret], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim() === "ok";
}

const payload = { vps: { id: 1, name: "Мой сервер", status: "running" }, previous_status: "creating" };
const body = pythonJsonDumps(payload);
const base = { body, eventType: "vps.status_changed", webhookId: 3, deliveryId: "42", timestamp: 1_790_000_000 };

describe("webhook signatures", () => {
  it("X-Webhook-Signature is sha256=<hex HMAC of the body bytes>", () => {
    const h = deliveryHeaders({ ...base, secret: "s3cret-s3cret-s3cret" });
    const expected = createHmac("sha256", "s3cret-s3cret-s3cret").update(Buffer.from(body)).digest("hex");
    assert.equal(h["x-webhook-signature"], `sha256=${expected}`);
    assert.equal(h["x-webhook-event"], "vps.status_changed");
    assert.equal(h["x-webhook-id"], "3");
    assert.equal(h["content-type"], "application/json");
  });

  it("the seed's Python receiver verifies it (Cyrillic payload), and rejects a wrong secret", () => {
    const h = deliveryHeaders({ ...base, secret: "seed-receiver-secret" });
    assert.equal(seedVerifies(body, h["x-webhook-signature"], "seed-receiver-secret"), true);
    assert.equal(seedVerifies(body, h["x-webhook-signature"], "another-secret-value"), false);
  });

  it("Standard Webhooks: v1,<base64 HMAC of id.timestamp.body>", () => {
    const h = deliveryHeaders({ ...base, secret: "s3cret-s3cret-s3cret" });
    assert.equal(h["webhook-id"], "42");
    assert.equal(h["webhook-timestamp"], "1790000000");
    const sig = createHmac("sha256", "s3cret-s3cret-s3cret").update(`42.1790000000.${body}`).digest("base64");
    assert.equal(h["webhook-signature"], `v1,${sig}`);
  });

  it("during rotation the new secret signs X-Webhook-Signature (seed receiver verifies with it); the old one signs the extra headers", () => {
    const h = deliveryHeaders({ ...base, secret: "new-secret-new-secret", previousSecret: "old-secret-old-secret" });
    assert.equal(seedVerifies(body, h["x-webhook-signature"], "new-secret-new-secret"), true);
    assert.equal(seedVerifies(body, h["x-webhook-signature-previous"], "old-secret-old-secret"), true);
    const sigs = h["webhook-signature"].split(" ");
    assert.equal(sigs.length, 2);
    const old = createHmac("sha256", "old-secret-old-secret").update(`42.1790000000.${body}`).digest("base64");
    assert.equal(sigs[1], `v1,${old}`);
  });

  it("no secret: no signature headers, replay headers still sent", () => {
    const h = deliveryHeaders({ ...base, secret: null });
    assert.equal(h["x-webhook-signature"], undefined);
    assert.equal(h["webhook-signature"], undefined);
    assert.equal(h["webhook-id"], "42");
  });

  it("hexSignature uses the secret's UTF-8 bytes", () => {
    assert.equal(hexSignature("ключ-ключ", "{}"), createHmac("sha256", Buffer.from("ключ-ключ", "utf8")).update("{}").digest("hex"));
  });
});
