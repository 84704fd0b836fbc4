// SSRF classification of webhook destinations (at save; the send-time check is in the
// HTTP tests, where a real connection is refused).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "../../../lib/errors";
import { assertSafeWebhookUrl, classifyAddress } from "../../../lib/webhooks/url-guard";

describe("webhook URL guard (SSRF)", () => {
  it("classifies addresses", () => {
    for (const a of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "not-an-ip"])
      assert.equal(classifyAddress(a), "private", a);
    for (const a of ["8.8.8.8", "93.184.216.34", "2606:4700:4700::1111", "::ffff:8.8.8.8"]) assert.equal(classifyAddress(a), "public", a);
  });

  const resolveTo = (addrs: string[]) => async () => addrs;

  it("refuses private destinations after DNS, with the switch named", async () => {
    await assert.rejects(assertSafeWebhookUrl("http://127.0.0.1:8080/hook", false), (e: AppError) => e.status === 400 && /WEBHOOK_ALLOW_PRIVATE=1/.test(e.message));
    await assert.rejects(assertSafeWebhookUrl("http://[::1]/hook", false), AppError);
    await assert.rejects(assertSafeWebhookUrl("http://rebind.example/hook", false, resolveTo(["93.184.216.34", "10.0.0.5"])), /10\.0\.0\.5/);
    await assert.rejects(assertSafeWebhookUrl("http://metadata.example/", false, resolveTo(["169.254.169.254"])), AppError);
  });

  it("accepts public destinations, and private ones when allowed", async () => {
    assert.equal((await assertSafeWebhookUrl("https://hooks.example.com/x", false, resolveTo(["93.184.216.34"]))).hostname, "hooks.example.com");
    assert.ok(await assertSafeWebhookUrl("http://127.0.0.1:5060/webhooks/ospab", true));
  });

  it("refuses other schemes, credentials and unresolvable hosts", async () => {
    await assert.rejects(assertSafeWebhookUrl("ftp://example.com/", true), /only http/);
    await assert.rejects(assertSafeWebhookUrl("file:///etc/passwd", true), /only http/);
    await assert.rejects(assertSafeWebhookUrl("http://user:pass@example.com/", true), /credentials/);
    await assert.rejects(assertSafeWebhookUrl("http://nope.invalid/", true, async () => { throw new Error("ENOTFOUND"); }), /cannot be resolved/);
  });
});
