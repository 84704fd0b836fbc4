// Webhook signature check: X-Webhook-Signature is "sha256=" + hex HMAC-SHA256 of the exact
// body bytes with the webhook's secret. Verify the raw bytes (never re-serialised JSON),
// compare in constant time. During a secret rotation the panel also sends
// X-Webhook-Signature-Previous, signed with the old secret.
import { createHmac, timingSafeEqual } from "node:crypto";

export function sign(secret: string, body: Buffer | string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export function verifySignature(secret: string, body: Buffer, header: string | null | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(header.trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}
