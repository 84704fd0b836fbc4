// Security headers. Every response (set in server.ts) gets the static ones; HTML pages also
// get a Content-Security-Policy with a fresh nonce per request (proxy.ts), which Next reads
// from the request's CSP header and puts on its own scripts. Browser-safe: no node imports,
// proxy.ts uses it too.

/** nosniff, no framing, a cautious referrer, and HSTS when the panel is served over https. */
export function staticSecurityHeaders(https: boolean): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    ...(https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

/** 128 random bits, base64: unguessable and fresh for every page. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export interface CspOptions {
  nonce: string;
  /** React's development build needs eval (error overlays, stack reconstruction). */
  dev: boolean;
  https: boolean;
  /** The Host the page was served from: socket.io, /ws and dev HMR connect back to it. */
  host?: string | null;
}

export function contentSecurityPolicy(o: CspOptions): string {
  const host = o.host && /^[a-z0-9.:[\]-]+$/i.test(o.host) ? o.host.toLowerCase() : null;
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic': chunks loaded by Next's nonced scripts run; nothing else does.
    `script-src 'self' 'nonce-${o.nonce}' 'strict-dynamic'${o.dev ? " 'unsafe-eval'" : ""}`,
    // Development injects un-nonced <style> tags (hot reload, error overlay): a nonce would
    // disable 'unsafe-inline', so development drops it. Production keeps the nonce.
    o.dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${o.nonce}'`,
    // style="" attributes cannot run script; React sets them (progress bars) and so do
    // Next's built-in error pages.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${host ? ` ws://${host} wss://${host}` : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(o.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}
