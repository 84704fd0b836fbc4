// The webhook receiver's rules, apart from the HTTP server so they can be tested alone.
// A delivery is accepted only when
//   1. `webhook-id`, `webhook-timestamp` and `webhook-signature` are present and the
//      signature (Standard Webhooks, signature.ts) matches the exact body with our secret;
//   2. `webhook-timestamp` is within 5 minutes of our clock (either way), so a captured
//      delivery cannot be replayed later;
//   3. its `webhook-id` was not handled before: the panel retries a delivery with the same
//      id until it gets a 2xx, and a replay inside the window reuses it too. A repeat is
//      acknowledged (200) and not acted on again.
// Anything unsigned, badly signed or out of the window is 401 and changes nothing. The
// event name comes from `x-webhook-event`, read only once the delivery is authenticated.
import type { IncomingHttpHeaders } from "node:http";
import { verifyStandardSignature } from "./signature";

export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

export type Verdict =
  | { status: 401 | 400; error: string }
  | { status: 200; duplicate: boolean; id: string; event: string; payload: unknown };

export interface ReceiverOptions {
  secret: string;
  /** Unix milliseconds; a test passes its own clock. */
  now?: () => number;
  /** Ids remembered at most (the oldest go first). */
  maxRemembered?: number;
}

const one = (h: IncomingHttpHeaders, name: string) => {
  const v = h[name];
  return typeof v === "string" ? v : undefined;
};

export class WebhookReceiver {
  /** Handled webhook-ids; a Set keeps insertion order, oldest first. */
  private readonly seen = new Set<string>();
  private readonly now: () => number;
  private readonly max: number;

  constructor(private readonly opts: ReceiverOptions) {
    if (!opts.secret) throw new Error("WebhookReceiver needs the webhook secret");
    this.now = opts.now ?? Date.now;
    this.max = opts.maxRemembered ?? 100_000;
  }

  receive(headers: IncomingHttpHeaders, raw: Buffer): Verdict {
    const id = one(headers, "webhook-id");
    const timestamp = one(headers, "webhook-timestamp");
    const signature = one(headers, "webhook-signature");
    if (!id || !timestamp || !signature) return { status: 401, error: "Missing webhook-id, webhook-timestamp or webhook-signature" };
    if (id.length > 200 || !/^\d{1,12}$/.test(timestamp)) return { status: 401, error: "Malformed webhook-id or webhook-timestamp" };
    if (!verifyStandardSignature(this.opts.secret, id, timestamp, raw, signature)) return { status: 401, error: "Invalid signature" };
    const nowSec = Math.floor(this.now() / 1000);
    if (Math.abs(nowSec - Number(timestamp)) > TIMESTAMP_TOLERANCE_SECONDS)
      return { status: 401, error: "webhook-timestamp is outside the 5-minute window (replayed, or a clock is wrong)" };
    let payload: unknown;
    try {
      payload = JSON.parse(raw.toString("utf8"));
    } catch {
      return { status: 400, error: "body is not JSON" };
    }
    const event = one(headers, "x-webhook-event") ?? "";
    if (this.seen.has(id)) return { status: 200, duplicate: true, id, event, payload };
    this.remember(id);
    return { status: 200, duplicate: false, id, event, payload };
  }

  private remember(id: string) {
    // Kept by arrival, not by timestamp: a retry of a delivery whose 200 got lost carries a
    // fresh timestamp and the same id, hours later. Only the cap forgets (oldest first).
    this.seen.add(id);
    if (this.seen.size > this.max) this.seen.delete(this.seen.values().next().value!);
  }
}
