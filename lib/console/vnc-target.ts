// What the main site hands over when it completes a `console` request (PRODUCT.md §10):
// result.vnc is a WebSocket upstream (Proxmox's `vncwebsocket`, websockify) or plain RFB
// over TCP, with an optional VNC password. Private addresses are allowed: the main site is
// trusted. Stored encrypted with the rest of the request's secret result; the browser only
// ever sees the panel's own /console/ws.
import { z } from "zod";

const password = z.string().max(1024, "vnc.password is at most 1024 characters").optional();

export const vncTargetSchema = z.union(
  [
    z
      .object({
        websocket_url: z
          .url({ protocol: /^wss?$/, error: "vnc.websocket_url must be a ws:// or wss:// URL" })
          .max(4096),
        password,
        /** Extra upgrade headers, e.g. Proxmox's `Authorization: PVEAPIToken=…` or `Cookie: PVEAuthCookie=…`. */
        headers: z.record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/, "header names are letters, digits and dashes"), z.string().max(8192)).optional(),
        /** false accepts a self-signed certificate (a hypervisor's default); true by default. */
        tls_verify: z.boolean().optional(),
      })
      .strict(),
    z
      .object({
        host: z.string().trim().min(1, "vnc.host is required").max(253),
        port: z.number().int().min(1).max(65535),
        password,
      })
      .strict(),
  ],
  { error: "vnc must be {websocket_url, password?} or {host, port, password?}" },
);
export type VncTarget = z.infer<typeof vncTargetSchema>;

export const isWebSocketTarget = (t: VncTarget): t is Extract<VncTarget, { websocket_url: string }> => "websocket_url" in t;

/** For logs: where, without the password, headers or the URL's query (Proxmox puts its ticket there). */
export function describeTarget(t: VncTarget): string {
  if (!isWebSocketTarget(t)) return `rfb://${t.host}:${t.port}`;
  const u = new URL(t.websocket_url);
  return `${u.protocol}//${u.host}${u.pathname}`;
}
