// The same-origin rule for requests a browser could be tricked into sending with the
// victim's cookies: cookie-authenticated writes (route(), next-auth's POSTs) and every
// WebSocket upgrade (socket.io, /ws). The panel's origin is NEXTAUTH_URL's; development
// also accepts the request's own Host (http://localhost vs http://127.0.0.1, a LAN address).
//
// A request with neither Origin nor Referer passes: browsers always send Origin on a
// WebSocket upgrade and on any cross-origin request, so its absence means a non-browser
// client (curl, the main site, a script with a token), which cannot ride someone else's
// cookies. `Origin: null` (sandboxed frames, some redirects) is refused.
export interface OriginPolicy {
  /** NEXTAUTH_URL's origin, e.g. https://panel.example.com. */
  panelOrigin: string | null;
  /** Development: the request's own Host is accepted too. */
  allowHost: boolean;
}

export interface OriginHeaders {
  origin?: string | null;
  referer?: string | null;
  host?: string | null;
}

export type OriginVerdict = { ok: true } | { ok: false; message: string };

export function originOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.origin : null;
  } catch {
    return null;
  }
}

export function originPolicy(nodeEnv: string | undefined, nextAuthUrl = process.env.NEXTAUTH_URL): OriginPolicy {
  return { panelOrigin: originOf(nextAuthUrl), allowHost: nodeEnv === "development" };
}

export function checkOrigin(h: OriginHeaders, policy: OriginPolicy): OriginVerdict {
  const claimed = h.origin ?? (h.referer ? (originOf(h.referer) ?? "null") : null);
  if (claimed === null || claimed === undefined) return { ok: true };
  const allowed = new Set<string>();
  if (policy.panelOrigin) allowed.add(policy.panelOrigin);
  if (policy.allowHost && h.host && /^[a-z0-9.:[\]-]+$/i.test(h.host)) {
    allowed.add(`http://${h.host.toLowerCase()}`);
    allowed.add(`https://${h.host.toLowerCase()}`);
  }
  if (allowed.has(claimed.toLowerCase())) return { ok: true };
  const shown = claimed.length > 200 ? `${claimed.slice(0, 200)}…` : claimed;
  return {
    ok: false,
    message: `Cross-origin request refused: Origin ${shown} is not this panel's origin (${policy.panelOrigin ?? "NEXTAUTH_URL"})`,
  };
}

/** The headers checkOrigin reads, from a node:http request (WebSocket upgrades). */
export function nodeOriginHeaders(headers: Record<string, string | string[] | undefined>): OriginHeaders {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;
  return { origin: one(headers.origin), referer: one(headers.referer), host: one(headers.host) };
}

/** The headers checkOrigin reads, from a Fetch API request's Headers (route handlers) or anything that answers `get` like it. */
export function fetchOriginHeaders(headers: Pick<Headers, "get">): OriginHeaders {
  return { origin: headers.get("origin"), referer: headers.get("referer"), host: headers.get("host") };
}

/** The raw HTTP answer that refuses a WebSocket upgrade (written to the socket, then closed). */
export function upgradeRefusal(message: string): string {
  const body = JSON.stringify({ status: "error", message });
  return `HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`;
}
