import assert from "node:assert/strict";
import { test } from "node:test";
import { addressNetwork } from "../../../lib/auth/throttle";

test("an IPv4 address counts as itself", () => {
  assert.equal(addressNetwork("203.0.113.7"), "203.0.113.7");
});

test("IPv6 addresses of one /64 share an allowance; another /64 does not", () => {
  const a = addressNetwork("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
  assert.equal(a, "2001:db8:1:2::/64");
  assert.equal(addressNetwork("2001:db8:1:2::1"), a);
  assert.equal(addressNetwork("2001:DB8:1:2:0:0:0:ffff"), a);
  assert.notEqual(addressNetwork("2001:db8:1:3::1"), a);
});

test("IPv4-mapped IPv6 counts as the IPv4 address", () => {
  assert.equal(addressNetwork("::ffff:203.0.113.7"), "203.0.113.7");
});

test("something that is not an address is kept as it is (no merging of unknowns)", () => {
  assert.equal(addressNetwork("unknown"), "unknown");
});
