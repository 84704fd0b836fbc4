// The client's address for throttling and logs. server.ts stamps every request with it,
// overwriting anything the client sent, so route code can trust the header.
//
// TRUST_PROXY=N: N reverse proxies you control stand in front of the panel, each appending
// the address it was connected from to X-Forwarded-For. Only those N entries, counted from
// the right, were written by your proxies: the client address is the Nth from the right.
// Everything left of it came from the client and may be forged. With 0, X-Forwarded-For is
// ignored and the socket address is used (otherwise anyone could pick their own address
// and slip past per-address limits).
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";

export const CLIENT_ADDRESS_HEADER = "x-ospab-client-address";

/** An X-Forwarded-For entry as an address: `1.2.3.4`, `1.2.3.4:5678`, `[::1]:80`, `::1`. */
function asAddress(entry: string): string | null {
  const v = entry.trim();
  if (isIP(v)) return v;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(v);
  if (bracketed && isIP(bracketed[1])) return bracketed[1];
  const v4port = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(v);
  if (v4port && isIP(v4port[1])) return v4port[1];
  return null;
}

/** The client address from the socket address and X-Forwarded-For, trusting `trustedProxies` hops. */
export function clientAddressFrom(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedProxies: number): string {
  const socketAddr = socketAddress ?? "unknown";
  if (trustedProxies <= 0 || forwardedFor === undefined) return socketAddr;
  const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return socketAddr;
  // Fewer entries than proxies: the request passed fewer of them; the leftmost is then the
  // address the first one saw.
  const entry = entries[Math.max(0, entries.length - trustedProxies)];
  // A proxy that wrote something other than an address is misconfigured: fall back to the
  // socket rather than key the throttle on free text.
  return asAddress(entry) ?? socketAddr;
}

export function clientAddress(req: IncomingMessage, trustedProxies: number): string {
  return clientAddressFrom(req.socket.remoteAddress, req.headers["x-forwarded-for"], trustedProxies);
}

export function stampClientAddress(req: IncomingMessage, trustedProxies: number) {
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req, trustedProxies);
}
