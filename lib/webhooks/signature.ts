// Delivery signatures. Two schemes are sent side by side:
// - the seed's `X-Webhook-Signature: sha256=<hex HMAC-SHA256(secret, body)>`;
// - Standard Webhooks (https://www.standardwebhooks.com): `webhook-id`, `webhook-timestamp`
//   and `webhook-signature: v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`, which
//   gives receivers replay protection. The HMAC key is the secret's UTF-8 bytes in both
//   (a Standard Webhooks library takes it as `whsec_` + base64(secret)).
// While a rotated-out secret is still valid, X-Webhook-Signature carries the new secret
// only (so the seed's receiver, which compares the whole header, verifies with the new
// secret), X-Webhook-Signature-Previous carries the old one, and webhook-signature lists
// both, space-separated, as the Standard Webhooks spec allows.
import { createHmac } from "node:crypto";

export function hexSignature(secret: string, body: string): string {
  return createHmac("sha256", Buffer.from(secret, "utf8")).update(Buffer.from(body, "utf8")).digest("hex");
}

export function standardSignature(secret: string, msgId: string, timestamp: number, body: string): string {
  return createHmac("sha256", Buffer.from(secret, "utf8")).update(`${msgId}.${timestamp}.${body}`, "utf8").digest("base64");
}

export interface SignInput {
  body: string;
  eventType: string;
  webhookId: number;
  deliveryId: string;
  /** Unix seconds. */
  timestamp: number;
  secret: string | null;
  previousSecret?: string | null;
}

export function deliveryHeaders(input: SignInput): Record<string, string> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "ospab-panel-webhooks/1",
    "x-webhook-event": input.eventType,
    "x-webhook-id": String(input.webhookId),
    "x-webhook-delivery": input.deliveryId,
    "webhook-id": input.deliveryId,
    "webhook-timestamp": String(input.timestamp),
  };
  if (input.secret) {
    headers["x-webhook-signature"] = `sha256=${hexSignature(input.secret, input.body)}`;
    const v1 = [`v1,${standardSignature(input.secret, input.deliveryId, input.timestamp, input.body)}`];
    if (input.previousSecret) {
      headers["x-webhook-signature-previous"] = `sha256=${hexSignature(input.previousSecret, input.body)}`;
      v1.push(`v1,${standardSignature(input.previousSecret, input.deliveryId, input.timestamp, input.body)}`);
    }
    headers["webhook-signature"] = v1.join(" ");
  }
  return headers;
}
