// SSRF guard for webhook destinations. Loopback, private, link-local, CGNAT, multicast and
// other reserved ranges are refused — everything ipaddr.js does not classify as "unicast",
// the same rule request-filtering-agent applies at connect time (see send-webhook.ts),
// unless WEBHOOK_ALLOW_PRIVATE=1 (a main site on the company's internal network).
// Checked when a webhook is saved (here, after DNS) and again on every send (the agent
// checks the address actually connected to, so DNS rebinding does not get through).
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { AppError } from "../errors";

export type AddressClass = "public" | "private";

/** "public" only for global unicast addresses; any other range (or garbage) is "private". */
export function classifyAddress(address: string): AddressClass {
  if (!ipaddr.isValid(address)) return "private";
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === "unicast" ? "public" : "private";
}

/** URL.hostname keeps IPv6 brackets; sockets want them off. */
export function bareHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

type Resolve = (host: string) => Promise<string[]>;
const systemResolve: Resolve = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * Validates a destination URL for saving. Throws AppError(400) with a message fit for the
 * admin: scheme, resolvability, and (unless allowed) a non-public address.
 */
export async function assertSafeWebhookUrl(raw: string, allowPrivate: boolean, resolve: Resolve = systemResolve): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError(400, "url: not a valid URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new AppError(400, "url: only http:// and https:// URLs are allowed");
  if (url.username || url.password) throw new AppError(400, "url: credentials in the URL are not allowed; use the secret to authenticate deliveries");
  const host = bareHost(url);
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await resolve(host);
    } catch {
      throw new AppError(400, `url: host ${host} cannot be resolved`);
    }
    if (addresses.length === 0) throw new AppError(400, `url: host ${host} cannot be resolved`);
  }
  if (!allowPrivate) {
    const blocked = addresses.find((a) => classifyAddress(a) === "private");
    if (blocked)
      throw new AppError(
        400,
        `url: ${host} resolves to ${blocked}, a loopback/private/reserved address; set WEBHOOK_ALLOW_PRIVATE=1 to allow internal receivers`,
      );
  }
  return url;
}
