// The same-origin rule (lib/http/origin.ts).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkOrigin, nodeOriginHeaders, originOf, originPolicy } from "../../../lib/http/origin";

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
