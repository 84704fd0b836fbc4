// The same-origin rule (lib/http/origin.ts), the CSP builder and the router-state filter.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkOrigin, nodeOriginHeaders, originOf, originPolicy } from "../../lib/http/origin";
import { isPlausibleRouterState } from "../../lib/http/router-state";
import { contentSecurityPolicy, createNonce, staticSecurityHeaders } from "../../lib/http/security-headers";

const prod = originPolicy("production", "https://panel.example.com/some/path");
const dev = originPolicy("development", "http://localhost:5050");

describe("checkOrigin", () => {
  it("accepts the panel's own origin (NEXTAUTH_URL's, path ignored, case-insensitive)", () => {
    assert.equal(prod.panelOrigin, "https://panel.example.com");
    assert.deepEqual(checkOrigin({ origin: "https://panel.example.com" }, prod), { ok: true });
    assert.deepEqual(checkOrigin({ origin: "https://PANEL.example.com" }, prod), { ok: true });
  });
  it("refuses another origin, another scheme or port, and Origin: null, naming both origins", () => {
    for (const origin of ["https://evil.example", "http://panel.example.com", "https://panel.example.com:8443", "https://panel.example.com.evil.example", "null"]) {
      const v = checkOrigin({ origin, host: "panel.example.com" }, prod);
      assert.equal(v.ok, false, origin);
      if (!v.ok) assert.match(v.message, /Cross-origin request refused: Origin .* is not this panel's origin \(https:\/\/panel\.example\.com\)/);
    }
  });
  it("falls back to Referer's origin when Origin is absent; an unparsable Referer is refused", () => {
    assert.equal(checkOrigin({ referer: "https://panel.example.com/dashboard?q=1" }, prod).ok, true);
    assert.equal(checkOrigin({ referer: "https://evil.example/page" }, prod).ok, false);
    assert.equal(checkOrigin({ referer: "not a url" }, prod).ok, false);
  });
  it("lets a request with neither Origin nor Referer through (not a browser: no ambient cookies to abuse)", () => {
    assert.equal(checkOrigin({}, prod).ok, true);
    assert.equal(checkOrigin({ origin: null, referer: null, host: "x" }, prod).ok, true);
  });
  it("development also accepts the request's own Host; production does not", () => {
    assert.equal(checkOrigin({ origin: "http://127.0.0.1:5050", host: "127.0.0.1:5050" }, dev).ok, true);
    assert.equal(checkOrigin({ origin: "http://localhost:5050", host: "127.0.0.1:5050" }, dev).ok, true);
    assert.equal(checkOrigin({ origin: "http://evil.example", host: "127.0.0.1:5050" }, dev).ok, false);
    assert.equal(checkOrigin({ origin: "https://evil.example", host: "evil.example" }, prod).ok, false);
  });
  it("reads node headers (first value of a repeated header)", () => {
    assert.deepEqual(nodeOriginHeaders({ origin: ["https://a.example", "https://b.example"], host: "h" }), { origin: "https://a.example", referer: null, host: "h" });
    assert.equal(originOf("javascript:alert(1)"), null);
  });
});

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

describe("isPlausibleRouterState", () => {
  const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));
  it("passes trees of the router's shape", () => {
    assert.equal(isPlausibleRouterState(enc(["", { children: ["(admin)", {}] }])), true);
    assert.equal(isPlausibleRouterState(enc(["", { children: ["vps", { children: [["id", "3", "d", null], { children: ["__PAGE__", {}] }] }] }, null, "refetch"])), true);
  });
  it("refuses what Next could not parse", () => {
    for (const bad of ["not json", enc([]), enc({ children: [] }), enc(["", []]), enc(["", { children: "x" }]), "%E0%A4%A", "x".repeat(40_001)])
      assert.equal(isPlausibleRouterState(bad), false, bad.slice(0, 40));
  });
});
