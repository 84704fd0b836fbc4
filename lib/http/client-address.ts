// The client's address for throttling and logs. server.ts stamps every request with it,
// overwriting anything the client sent, so route code can trust the header. X-Forwarded-For
// is believed only with TRUST_PROXY=1 (the panel runs behind your own reverse proxy);
// otherwise anyone could pick their own address and slip past per-address limits.
import type { IncomingMessage } from "node:http";

export const CLIENT_ADDRESS_HEADER = "x-ospab-client-address";

export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const socketAddr = req.socket.remoteAddress ?? "unknown";
  if (!trustProxy) return socketAddr;
  const fwd = req.headers["x-forwarded-for"];
  const first = (Array.isArray(fwd) ? fwd[0] : fwd)?.split(",")[0]?.trim();
  return first || socketAddr;
}

export function stampClientAddress(req: IncomingMessage, trustProxy: boolean) {
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req, trustProxy);
}
