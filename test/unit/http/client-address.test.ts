// TRUST_PROXY=N: the client address is the Nth X-Forwarded-For entry from the right, so a
// client that sends its own X-Forwarded-For cannot choose the address it is throttled by.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { clientAddressFrom } from "../../../lib/http/client-address";

const PROXY = "10.0.0.2"; // the socket peer: the proxy nearest the panel

describe("clientAddressFrom", () => {
  it("TRUST_PROXY=0 ignores X-Forwarded-For", () => {
    assert.equal(clientAddressFrom(PROXY, "198.51.100.7", 0), PROXY);
  });

  it("one proxy: the rightmost entry (what the proxy appended), not the spoofed leftmost", () => {
    // The client sent "X-Forwarded-For: 1.1.1.1, 2.2.2.2"; nginx appended its peer 203.0.113.5.
    assert.equal(clientAddressFrom(PROXY, "1.1.1.1, 2.2.2.2, 203.0.113.5", 1), "203.0.113.5");
    assert.equal(clientAddressFrom(PROXY, "203.0.113.5", 1), "203.0.113.5");
  });

  it("two proxies: the second from the right", () => {
    // client → CDN (appends client) → nginx (appends CDN) → panel
    assert.equal(clientAddressFrom(PROXY, "6.6.6.6, 203.0.113.5, 192.0.2.10", 2), "203.0.113.5");
    assert.equal(clientAddressFrom(PROXY, "203.0.113.5, 192.0.2.10", 2), "203.0.113.5");
  });

  it("several X-Forwarded-For headers count as one list", () => {
    assert.equal(clientAddressFrom(PROXY, ["9.9.9.9", "203.0.113.5"], 1), "203.0.113.5");
  });

  it("fewer entries than proxies: the leftmost", () => {
    assert.equal(clientAddressFrom(PROXY, "203.0.113.5", 3), "203.0.113.5");
  });

  it("no or empty header: the socket address", () => {
    assert.equal(clientAddressFrom(PROXY, undefined, 1), PROXY);
    assert.equal(clientAddressFrom(PROXY, " , ", 1), PROXY);
  });

  it("IPv6 and ports are understood; free text is not trusted", () => {
    assert.equal(clientAddressFrom(PROXY, "2001:db8::1", 1), "2001:db8::1");
    assert.equal(clientAddressFrom(PROXY, "[2001:db8::1]:4711", 1), "2001:db8::1");
    assert.equal(clientAddressFrom(PROXY, "203.0.113.5:4711", 1), "203.0.113.5");
    assert.equal(clientAddressFrom(PROXY, "1.1.1.1, unknown", 1), PROXY);
    assert.equal(clientAddressFrom(PROXY, "1.1.1.1, <script>", 1), PROXY);
  });
});
