// The static security headers and the CSP builder (lib/http/security-headers.ts).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { contentSecurityPolicy, createNonce, staticSecurityHeaders } from "../../../lib/http/security-headers";

describe("security headers", () => {
  it("static headers: nosniff, DENY, referrer policy; HSTS only on https", () => {
    const http = staticSecurityHeaders(false);
    assert.equal(http["X-Content-Type-Options"], "nosniff");
    assert.equal(http["X-Frame-Options"], "DENY");
    assert.equal(http["Referrer-Policy"], "strict-origin-when-cross-origin");
    assert.equal(http["Strict-Transport-Security"], undefined);
    assert.match(staticSecurityHeaders(true)["Strict-Transport-Security"], /^max-age=\d{8,}/);
  });
  it("CSP: the nonce on scripts and styles, no framing, same-host sockets, eval only in development", () => {
    const nonce = createNonce();
    assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/);
    assert.notEqual(createNonce(), nonce);
    const csp = contentSecurityPolicy({ nonce, dev: false, https: false, host: "panel.example.com:5050" });
    assert.match(csp, new RegExp(`script-src 'self' 'nonce-${nonce.replace(/[+/]/g, "\\$&")}' 'strict-dynamic';`));
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /connect-src 'self' ws:\/\/panel\.example\.com:5050 wss:\/\/panel\.example\.com:5050;/);
    assert.doesNotMatch(csp, /unsafe-eval|upgrade-insecure-requests/);
    assert.match(csp, new RegExp(`style-src 'self' 'nonce-`));
    assert.doesNotMatch(csp, /style-src 'self' 'unsafe-inline'/);
    const dev = contentSecurityPolicy({ nonce, dev: true, https: true });
    assert.match(dev, /'unsafe-eval'.*style-src 'self' 'unsafe-inline'.*upgrade-insecure-requests/);
    assert.match(contentSecurityPolicy({ nonce, dev: false, https: false, host: "evil; script-src *" }), /connect-src 'self';/);
  });
});
