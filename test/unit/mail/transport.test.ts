import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeSmtp, redactSmtp } from "../../../lib/mail/transport";

describe("SMTP_URL in logs", () => {
  const url = "smtps://mailer%40corp:p%40ss-w0rd!@mail.example.com:465";
  it("names the server by host and port only", () => {
    assert.equal(describeSmtp(url), "mail.example.com:465");
    assert.equal(describeSmtp("smtp://mail.example.com"), "mail.example.com:587");
  });
  it("strips the user and password, encoded or not, and any URL credentials", () => {
    const text = `Invalid login for mailer@corp with p@ss-w0rd! (p%40ss-w0rd!) via smtps://mailer%40corp:p%40ss-w0rd!@mail.example.com:465`;
    const safe = redactSmtp(text, url);
    assert.ok(!safe.includes("p@ss-w0rd!") && !safe.includes("p%40ss-w0rd!") && !safe.includes("mailer@corp"), safe);
    assert.match(safe, /mail\.example\.com:465/);
  });
});
