// The reference main site's webhook receiver (examples/main-site/src/receiver.ts): Standard Webhooks
// signature, 5-minute window, webhook-id dedupe.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { WebhookReceiver } from "../../../../examples/main-site/src/receiver";
import { verifyStandardSignature } from "../../../../examples/main-site/src/signature";
import { deliveryHeaders } from "../../../../lib/webhooks/signature";

describe("main site: webhook receiver (Standard Webhooks)", () => {
  const secret = "whsec-demo-secret";
  const t0 = 1_800_000_000; // unix seconds
  const body = '{"action": "start", "request_id": 7, "vps": {"id": 3}}';
  // Signed by the panel's own code, so the receiver is proven against what the panel sends.
  const signed = (over: Partial<Parameters<typeof deliveryHeaders>[0]> = {}) =>
    deliveryHeaders({ body, eventType: "vps.action_requested", webhookId: 1, deliveryId: "d-1", timestamp: t0, secret, ...over });
  const at = (sec: number) => new WebhookReceiver({ secret, now: () => sec * 1000 });
  const without = (h: Record<string, string>, ...names: string[]) => Object.fromEntries(Object.entries(h).filter(([k]) => !names.includes(k)));

  it("accepts a delivery the panel signed, and hands over the event and payload", () => {
    const v = at(t0).receive(signed(), Buffer.from(body));
    assert.equal(v.status, 200);
    assert.deepEqual(v.status === 200 && { duplicate: v.duplicate, id: v.id, event: v.event, payload: v.payload }, {
      duplicate: false,
      id: "d-1",
      event: "vps.action_requested",
      payload: JSON.parse(body),
    });
  });

  it("refuses unsigned, seed-only-signed and badly signed deliveries with 401", () => {
    const r = at(t0);
    const good = signed();
    const cases: [string, Record<string, string | undefined>, string][] = [
      ["no signature headers at all", { "content-type": "application/json", "x-webhook-event": "vps.action_requested" }, body],
      ["only the seed's X-Webhook-Signature (no timestamp to check)", without(good, "webhook-signature"), body],
      ["no webhook-timestamp", without(good, "webhook-timestamp"), body],
      ["no webhook-id", without(good, "webhook-id"), body],
      ["signed with another secret", signed({ secret: "another-secret" }), body],
      ["body changed after signing", good, body.replace("start", "stop")],
      ["webhook-id changed after signing", { ...good, "webhook-id": "d-2" }, body],
      ["webhook-timestamp changed after signing", { ...good, "webhook-timestamp": String(t0 + 1) }, body],
      ["garbage signature", { ...good, "webhook-signature": "v1,AAAA" }, body],
      ["malformed timestamp", { ...good, "webhook-timestamp": "soon" }, body],
    ];
    for (const [what, headers, b] of cases) {
      const v = r.receive(headers, Buffer.from(b));
      assert.equal(v.status, 401, what);
    }
  });

  it("refuses a timestamp more than 5 minutes off either way; accepts one within", () => {
    for (const [now, status] of [
      [t0 + 301, 401],
      [t0 - 301, 401],
      [t0 + 86_400, 401],
      [t0 + 299, 200],
      [t0 - 299, 200],
    ] as const) {
      const v = at(now).receive(signed(), Buffer.from(body));
      assert.equal(v.status, status, `now = t0 ${now - t0 >= 0 ? "+" : ""}${now - t0} s`);
      if (v.status === 401) assert.match(v.error, /outside the 5-minute window/);
    }
  });

  it("a repeated webhook-id is acknowledged as a duplicate, not handled again; a new id is", () => {
    const r = at(t0);
    assert.equal((r.receive(signed(), Buffer.from(body)) as { duplicate: boolean }).duplicate, false);
    // A replay inside the window, and the panel's own retry (same id, fresh timestamp).
    const replay = r.receive(signed(), Buffer.from(body));
    assert.deepEqual([replay.status, (replay as { duplicate: boolean }).duplicate], [200, true]);
    const retry = r.receive(signed({ timestamp: t0 + 30 }), Buffer.from(body));
    assert.deepEqual([retry.status, (retry as { duplicate: boolean }).duplicate], [200, true]);
    assert.equal((r.receive(signed({ deliveryId: "d-2" }), Buffer.from(body)) as { duplicate: boolean }).duplicate, false);
    // A refused delivery is not remembered: the genuine one with that id still goes through.
    assert.equal(r.receive(signed({ deliveryId: "d-3", secret: "forged" }), Buffer.from(body)).status, 401);
    assert.equal((r.receive(signed({ deliveryId: "d-3" }), Buffer.from(body)) as { duplicate: boolean }).duplicate, false);
  });

  it("verifies during a secret rotation (either listed signature may match)", () => {
    const h = deliveryHeaders({ body, eventType: "vps.action_requested", webhookId: 1, deliveryId: "d-9", timestamp: t0, secret: "new-secret", previousSecret: secret });
    assert.match(h["webhook-signature"], /^v1,\S+ v1,\S+$/);
    assert.equal(at(t0).receive(h, Buffer.from(body)).status, 200);
    assert.equal(verifyStandardSignature(secret, "d-9", String(t0), Buffer.from(body), h["webhook-signature"]), true);
    assert.equal(verifyStandardSignature("neither", "d-9", String(t0), Buffer.from(body), h["webhook-signature"]), false);
  });
});
