// Webhook signature checks. The panel signs every delivery two ways:
// - Standard Webhooks (https://www.standardwebhooks.com), which this site requires:
//   `webhook-signature: v1,<base64 HMAC-SHA256(secret, "<webhook-id>.<webhook-timestamp>.<body>")>`
//   (space-separated list while a rotated-out secret is still valid). The id and timestamp
//   are signed with the body, so a captured delivery can be neither re-dated nor re-labelled;
// - the seed's `X-Webhook-Signature: sha256=<hex HMAC of the body>` (kept for the seed's
//   receivers: it has no timestamp, so it cannot stop a replay).
// Verify the raw bytes (never re-serialised JSON) and compare in constant time.
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

/** The `v1,<base64>` entry the panel puts in `webhook-signature`. */
export function standardSign(secret: string, id: string, timestamp: string | number, body: Buffer | string): string {
  const mac = createHmac("sha256", Buffer.from(secret, "utf8"));
  mac.update(`${id}.${timestamp}.`, "utf8");
  mac.update(typeof body === "string" ? Buffer.from(body, "utf8") : body);
  return `v1,${mac.digest("base64")}`;
}

/** True when one of the header's space-separated `v1,...` signatures matches. */
export function verifyStandardSignature(secret: string, id: string, timestamp: string, body: Buffer, header: string | null | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(standardSign(secret, id, timestamp, body));
  let ok = false;
  for (const entry of header.trim().split(/\s+/)) {
    const given = Buffer.from(entry);
    // No early exit: every entry is compared.
    if (given.length === expected.length && timingSafeEqual(given, expected)) ok = true;
  }
  return ok;
}
